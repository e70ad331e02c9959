import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface KeyPair {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
}

export interface TlsMaterial {
  /** The CA clients must trust. */
  caPem: string;
  caPath: string;
  /** Server certificate for 127.0.0.1, ::1 and localhost, signed by the CA. */
  server: KeyPair;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed (apt-get install openssl?): ${stderr || (err as Error).message}`, { cause: err });
  }
}

function pair(dir: string, name: string): KeyPair {
  const certPath = path.join(dir, `${name}.pem`);
  const keyPath = path.join(dir, `${name}.key`);
  return { certPath, keyPath, certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8') };
}

/** A self-signed certificate and its key (the token server's signing certificate). */
export function selfSigned(dir: string, name: string, commonName: string): KeyPair {
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${commonName}`,
      '-keyout', `${name}.key`, '-out', `${name}.pem`],
    dir,
  );
  return pair(dir, name);
}

/** A CA plus a loopback server certificate it signed. */
export function loopbackTls(dir: string): TlsMaterial {
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=imageref test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-keyout', 'ca.key', '-out', 'ca.pem'],
    dir,
  );
  openssl(
    ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr'],
    dir,
  );
  writeFileSync(
    path.join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2',
      '-extfile', 'server.ext', '-out', 'server.pem'],
    dir,
  );
  const caPath = path.join(dir, 'ca.pem');
  return { caPem: readFileSync(caPath, 'utf8'), caPath, server: pair(dir, 'server') };
}
