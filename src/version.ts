/** The application version written into model files, reports and diagnostics (kept equal to package.json by a test). */
export const APP_VERSION = '0.1.0';
