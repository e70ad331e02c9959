import type { CredentialFlavour, CredentialSourceInfo, CredentialStep } from '../contract';

export type Credential =
  | { kind: 'basic'; username: string; password: string }
  /** OAuth2 refresh token (config.json `identitytoken`, or a helper answering username `<token>`). */
  | { kind: 'identity-token'; token: string }
  /** A bearer token sent as is (config.json `registrytoken`). */
  | { kind: 'registry-token'; token: string };

export interface CredentialLookup {
  /** Absent: no credentials found (anonymous access). */
  credential?: Credential;
  /** Which source answered; `{ source: 'anonymous' }` when none did. */
  source: CredentialSourceInfo;
  /** Every place looked, in order, with its outcome, e.g. "credHelpers: none for ghcr.io". Never a secret. */
  searched: string[];
  /** Well-known helper for the host (ECR → ecr-login, GCR → gcr / gcloud, ACR → acr-env) when none is configured. */
  suggestedHelper?: string;
  /** The places tried as structured steps, in the tool's order. */
  steps?: CredentialStep[];
  /** A helper that failed (timed out, printed garbage): reported, its answer not trusted. */
  problems: string[];
}

export interface CredentialProvider {
  /** `registry` is the normalized host of the reference (`docker.io`, `xxx.dkr.ecr.us-east-2.amazonaws.com`). */
  lookup(registry: string, flavour: CredentialFlavour, jibCredHelper?: string): Promise<CredentialLookup>;
}
