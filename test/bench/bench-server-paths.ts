/** Where the bench page posts the exported submission, so the runner can time other tools (pdfsig, openssl) on the same file. */
export const SUBMISSION_UPLOAD_PATH = '/bench/exported-submission.pdf';
/** Where the bench page fetches the generated shared folder's files from (test/bench/folder-dataset.ts). */
export const BENCH_FOLDER_PATH = '/bench-folder/';
