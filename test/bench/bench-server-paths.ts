/** Where the bench page posts the exported submission, so the runner can time other tools (pdfsig, openssl) on the same file. */
export const SUBMISSION_UPLOAD_PATH = '/bench/exported-submission.pdf';
