/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { NagMessageLevel } from 'cdk-nag';
import { PACK_NAME, RuleDefinition, ruleId, UNVERIFIED_KEY } from './rule';
import { ALL_RULES } from './rules';

/** RULES.md, rendered from the rule definitions (the single source of every rule's text). */
export function renderRulesMd(rules: readonly RuleDefinition[] = ALL_RULES): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const row = (rule: RuleDefinition) =>
    `| ${ruleId(rule)} | ${rule.level === NagMessageLevel.ERROR ? 'Error' : 'Warning'} | ${escape(rule.checklist)} | ${escape(rule.info)} | ${escape(rule.explanation)} | ${escape(rule.fix)} | ${rule.appliesTo.map((t) => (t === '*' ? 'every stack' : `\`${t}\``)).join(', ')} |`;
  return [
    '<!-- Generated from src/nag/rules by `npx projen rules`. Do not edit by hand. -->',
    '# DataMeshChecks rules',
    '',
    `The \`${PACK_NAME}\` pack turns every constraint of the federated mesh into a synth-time finding.`,
    'Register it with `Validations.of(app).addPlugins(new DataMeshChecks())`.',
    '',
    '- **Error**: the mesh would not work or would be insecure; `cdk synth` fails.',
    '- **Warning**: a legitimate choice; acknowledge it with a reason.',
    '- Acknowledge on a construct, for it and everything below it, with the rule id alone:',
    `  \`Validations.of(scope).acknowledge({ id: '${PACK_NAME}-<Rule ID>', reason: '…' })\`; the pack-qualified id`,
    `  \`${PACK_NAME}::<Rule ID>\` is matched by aws-cdk-lib itself: in the whole app before aws-cdk-lib 2.271.0, on the construct and below from 2.271.0. A rule that`,
    `  reports separate findings (e.g. one per missing endpoint) is acknowledged per finding: \`${PACK_NAME}-VPC4[MWAA]\`.`,
    '- A value the rule cannot read at synth (a parameter, an import, an environment-agnostic stack\'s account) is never guessed:',
    `  the rule reports \`${PACK_NAME}-<Rule ID>[${UNVERIFIED_KEY}]\`, "Could not verify at synth", naming each value it could not read. It is a`,
    '  **warning** by default: check the values named, then acknowledge that id with the reason. With',
    '  `new DataMeshChecks(undefined, { strict: true })` it is an **error** for a rule whose level is Error (a Warning rule\'s stay',
    '  warnings), so that only a template whose every checked value is known can pass. A breach the rule finds on the',
    `  same resource is reported as well, under \`${PACK_NAME}-<Rule ID>\` (docs/decisions/0014-unverifiable-findings.md).`,
    '',
    '| Rule ID | Level | Checklist row | Cause | Failure mode it prevents | Fix | Reads |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rules.map(row),
    '',
  ].join('\n');
}
