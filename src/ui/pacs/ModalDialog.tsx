/**
 * A native modal `<dialog>` driven by `open` (showModal/close): focus is trapped and the page behind
 * is inert while it is open; Escape calls `onCancel` (the owner decides whether it closes).
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function ModalDialog(props: {
  open: boolean;
  onCancel: () => void;
  /** Called each time the dialog opens (e.g. to clear a field). */
  onOpen?: () => void;
  className: string;
  labelledBy: string;
  children: ReactNode;
}) {
  const { open, onOpen } = props;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      onOpen?.();
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open, onOpen]);
  return (
    <dialog
      ref={ref}
      className={props.className}
      aria-labelledby={props.labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      {props.children}
    </dialog>
  );
}
