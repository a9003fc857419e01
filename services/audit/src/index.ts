export { anchorAuditHead, startAnchoring, type Anchoring, type AnchoringProps } from './anchor.js';
export { readAuditHead, readStoredHashes, type AuditHead } from './head.js';
export { judgeAudit, type AuditVerdict, type JudgeInput } from './judge.js';
export { readAuditStream, type PublishedAudit, type PublishedRow } from './read-stream.js';
export { runAuditCli, AUDIT_USAGE, type AuditCliResult } from './cli.js';
