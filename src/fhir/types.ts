/** The few FHIR R4 shapes careprint reads and writes; everything else is passed over. */

export interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

export interface CodeableConcept {
  readonly coding?: readonly Coding[];
  readonly text?: string;
}

export interface Reference {
  readonly reference?: string;
  readonly display?: string;
}

export interface Resource {
  readonly resourceType: string;
  readonly id?: string;
  readonly [key: string]: unknown;
}

export interface BundleEntry {
  readonly fullUrl?: string;
  readonly resource?: Resource;
}

export interface Bundle {
  readonly resourceType: 'Bundle';
  readonly entry?: readonly BundleEntry[];
}

export interface OperationOutcomeIssue {
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  readonly code: 'invalid' | 'required' | 'value' | 'structure' | 'not-supported' | 'business-rule' | 'processing' | 'exception' | 'security' | 'too-costly' | 'timeout' | 'transient';
  readonly details?: { readonly text: string };
  readonly diagnostics?: string;
  readonly expression?: readonly string[];
}

export interface OperationOutcome {
  readonly resourceType: 'OperationOutcome';
  readonly issue: readonly OperationOutcomeIssue[];
}

export interface DocumentReference {
  readonly resourceType: 'DocumentReference';
  readonly [key: string]: unknown;
}
