/** node:crypto takes ~6 ms to load: required on first use, which an offline run never reaches. */
let loaded: typeof import('node:crypto') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  return (loaded ??= require('node:crypto') as typeof import('node:crypto'));
}
