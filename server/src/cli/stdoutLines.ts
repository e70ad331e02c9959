import { writeSync } from 'node:fs';

/**
 * The CLI's output lines, written to file descriptor 1 directly: creating `process.stdout` costs a short run ~3 ms
 * (its stream classes; npm run bench -- startup). A pipe its reader made non-blocking may take part of a line and
 * refuse the rest (EAGAIN): from then on the output goes through `process.stdout`, which waits for the reader. A
 * reader that went away (EPIPE, `imageref check | head -1`) ends the output, not the run.
 */
export function stdoutLines(fd = 1): (text: string) => void {
  let direct = true;
  let closed = false;
  return (text) => {
    if (closed) return;
    const bytes = Buffer.from(text + '\n');
    let written = 0;
    if (direct) {
      try {
        while (written < bytes.length) written += writeSync(fd, bytes, written);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') {
          closed = true;
          return;
        }
        if (code !== 'EAGAIN') throw error;
        direct = false;
      }
    }
    process.stdout.write(written > 0 ? bytes.subarray(written) : bytes);
  };
}
