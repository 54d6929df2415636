/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * The main job: synthesize the example mesh offline into cdk.out/, run DataMeshChecks and
 * AwsSolutionsChecks (registered as policy-validation plugins, the way users register them),
 * print the mesh report and write mesh-report.json. Exits non-zero when a finding is an error.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { App } from 'aws-cdk-lib';
import { meshDiagram } from './mesh-diagram';
import { buildExampleMesh, ExampleMesh } from '../examples/three-account-mesh/mesh';

/** CloudFormation's quotas per stack (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
const LIMITS = { resources: 500, outputs: 200, parameters: 200, templateBytes: 1_000_000 };

export interface StackReport {
  readonly name: string;
  readonly templateFile: string;
  readonly role: string;
  readonly account: string;
  readonly region: string;
  readonly resources: number;
  readonly outputs: number;
  readonly parameters: number;
  readonly templateBytes: number;
  readonly inventory: Record<string, number>;
  /** The existing workloads the stack binds to a consumer project, one line each (read from the template). */
  readonly boundWorkloads: string[];
}

export interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly paths: string[];
  readonly description: string;
  readonly fix?: string;
}

export interface MeshReport {
  readonly outdir: string;
  readonly accounts: Array<{ account: string; role: string }>;
  readonly region: string;
  readonly stacks: StackReport[];
  readonly findings: Finding[];
  readonly acknowledged: Array<{ plugin: string; rule: string; reason: string }>;
  readonly errors: number;
  readonly warnings: number;
}

/** Resource types the report counts per stack, with the label it prints. */
const INVENTORY: Record<string, string> = {
  'AWS::EC2::VPC': 'VPCs',
  'AWS::EC2::Subnet': 'subnets',
  'AWS::EC2::VPCEndpoint': 'VPC endpoints',
  'AWS::EC2::FlowLog': 'flow logs',
  'AWS::DataZone::Domain': 'domains',
  'AWS::RAM::ResourceShare': 'RAM shares',
  'AWS::DataZone::ProjectProfile': 'project profiles',
  'AWS::DataZone::Project': 'projects',
  'AWS::DataZone::EnvironmentBlueprintConfiguration': 'blueprint configurations',
  'AWS::DataZone::DataSource': 'data sources',
  'AWS::LakeFormation::Resource': 'registered locations',
  'AWS::LakeFormation::PrincipalPermissions': 'Lake Formation grants',
  'Custom::RevokeIamAllowedPrincipals': 'IAMAllowedPrincipals revocations',
  'Custom::ProjectRoleLookup': 'project role lookups',
  'Custom::ConsumerTrustBinding': 'bound functions (trust statements)',
  'Custom::ConsumerSubscription': 'subscriptions',
  'Custom::ConsumerFunctionBinding': 'function configuration merges',
  'AWS::DataZone::SubscriptionTarget': 'subscription targets',
  'AWS::Lambda::LayerVersion': 'binding layers',
  'Custom::ConnectivityProbe': 'connectivity probes',
};

/** Synthesize the example, run both packs and collect the report. */
export function runMeshReport(outdir: string, context: Record<string, unknown> = {}): MeshReport {
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({
    outdir,
    context: {
      '@aws-cdk/core:validateAgainstDefaultRules': true,
      '@aws-cdk/core:validationReportJson': true,
      ...context,
    },
  });
  const mesh = buildExampleMesh(app);
  let synthError: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    synthError = e as Error;
  }
  const validation = readJson(join(outdir, 'validation-report.json'));
  if (synthError && !validation) {
    throw synthError; // not a validation failure: a bug or bad input, shown as is
  }
  return collect(mesh, outdir, validation);
}

function collect(mesh: ExampleMesh, outdir: string, validation: any): MeshReport {
  const stacks = mesh.stacks.map(({ stack, role }): StackReport => {
    const path = join(outdir, stack.templateFile);
    const body = readFileSync(path, 'utf-8');
    const template = JSON.parse(body);
    const resources = Object.values<any>(template.Resources ?? {});
    const inventory: Record<string, number> = {};
    for (const resource of resources) {
      const label = INVENTORY[resource.Type];
      if (label) {
        inventory[label] = (inventory[label] ?? 0) + 1;
      }
    }
    return {
      name: stack.stackName,
      templateFile: stack.templateFile,
      role,
      account: stack.account,
      region: stack.region,
      resources: resources.length,
      outputs: Object.keys(template.Outputs ?? {}).length,
      parameters: Object.keys(template.Parameters ?? {}).length,
      templateBytes: Buffer.byteLength(body),
      inventory,
      boundWorkloads: boundWorkloads(template),
    };
  });
  const findings: Finding[] = [];
  const acknowledged: MeshReport['acknowledged'] = [];
  // aws-cdk-lib may run a plugin more than once per synth and lists each run's findings: keep one of each.
  const seen = new Set<string>();
  for (const plugin of validation?.pluginReports ?? []) {
    for (const v of plugin.violations ?? []) {
      const key = JSON.stringify([plugin.pluginName, v.ruleName, v.description]);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      findings.push({
        plugin: plugin.pluginName,
        rule: v.ruleName,
        severity: v.severity ?? 'error',
        paths: (v.violatingConstructs ?? []).map((c: any) => c.constructPath),
        description: v.description,
        fix: v.suggestedFix,
      });
    }
    for (const s of plugin.suppressedViolations ?? []) {
      const where = s.constructPath ?? s.violatingConstructs?.[0]?.constructPath;
      const key = JSON.stringify([plugin.pluginName, s.acknowledgedId ?? s.ruleName, where, s.reason]);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      acknowledged.push({ plugin: plugin.pluginName, rule: s.acknowledgedId ?? s.ruleName, reason: s.reason });
    }
  }
  return {
    outdir,
    accounts: mesh.accounts,
    region: mesh.region,
    stacks,
    findings,
    acknowledged,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity !== 'error').length,
  };
}

/**
 * The workloads a template binds: each function a `ConsumerBinding` configures (its exec wrapper assumes the project
 * role) and each role a `WorkloadBinding`'s subscription target authorizes (DataZone grants it the subscribed tables).
 */
function boundWorkloads(template: any): string[] {
  const name = (arn: unknown) => (typeof arn === 'string' ? arn.split(/[:/]/).pop()! : JSON.stringify(arn));
  const bound: string[] = [];
  for (const resource of Object.values<any>(template.Resources ?? {})) {
    const p = resource.Properties ?? {};
    if (resource.Type === 'Custom::ConsumerFunctionBinding' && p.ReadOnly !== 'true') {
      bound.push(`Lambda function ${name(p.FunctionName)} (ConsumerBinding: acts as the consumer project role through its exec wrapper)`);
    } else if (resource.Type === 'AWS::DataZone::SubscriptionTarget') {
      const database = targetDatabase(p.SubscriptionTargetConfig);
      for (const principal of p.AuthorizedPrincipals ?? []) {
        bound.push(`IAM role ${name(principal)} (WorkloadBinding: DataZone grants it the subscribed tables${database ? `, in Glue database ${database}` : ''})`);
      }
    }
  }
  return bound.sort();
}

/** The Glue database of a Glue subscription target's configuration (a JSON string), when it is a literal. */
function targetDatabase(config: any): string | undefined {
  const content = config?.[0]?.Content;
  if (typeof content !== 'string') {
    return undefined;
  }
  try {
    return JSON.parse(content).databaseName;
  } catch {
    return undefined;
  }
}

/** The report as text for a person. */
export function formatMeshReport(report: MeshReport): string {
  const lines: string[] = [];
  const pct = (n: number, limit: number) => `${n}/${limit} (${Math.round((100 * n) / limit)}%)`;
  lines.push('Data mesh report', '================', '');
  lines.push(`Region: ${report.region}`, '', 'Accounts');
  for (const a of report.accounts) {
    lines.push(`  ${a.account}  ${a.role}`);
  }
  lines.push('', 'Stacks (against CloudFormation quotas)');
  for (const s of report.stacks) {
    lines.push(`  ${s.name}  [${s.role}, account ${s.account}, ${s.region}]`);
    lines.push(`    resources ${pct(s.resources, LIMITS.resources)}, outputs ${pct(s.outputs, LIMITS.outputs)}, parameters ${pct(s.parameters, LIMITS.parameters)}, template ${pct(s.templateBytes, LIMITS.templateBytes)} bytes`);
    const inventory = Object.entries(s.inventory).map(([label, n]) => `${n} ${label}`).join(', ');
    lines.push(`    ${inventory || 'no mesh resources'}`);
    for (const workload of s.boundWorkloads) {
      lines.push(`    binds ${workload}`);
    }
  }
  lines.push('', `Findings: ${report.errors} error(s), ${report.warnings} warning(s), ${report.acknowledged.length} acknowledged`);
  for (const f of report.findings) {
    lines.push(`  ${f.severity.toUpperCase()} ${f.rule} (${f.plugin})`);
    lines.push(`    at ${f.paths.join(', ')}`);
    lines.push(`    ${f.description}`);
    if (f.fix) {
      lines.push(`    fix: ${f.fix}`);
    }
  }
  for (const a of report.acknowledged) {
    lines.push(`  acknowledged ${a.rule}: ${a.reason}`);
  }
  lines.push('', `Templates: ${report.outdir}`, '');
  return lines.join('\n');
}

function readJson(path: string): any {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf-8')) : undefined;
}

if (require.main === module) {
  const outdir = resolve(process.env.MESH_OUTDIR ?? 'cdk.out');
  const report = runMeshReport(outdir);
  process.stdout.write(formatMeshReport(report));
  const jsonPath = resolve(process.env.MESH_REPORT ?? 'mesh-report.json');
  writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`Machine-readable report: ${jsonPath}\n`);
  const diagram = join(outdir, 'mesh.mmd');
  writeFileSync(diagram, meshDiagram(report));
  process.stdout.write(`Diagram (Mermaid): ${diagram}\n`);
  if (existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium')) {
    const rendered = spawnSync('bash', [join(__dirname, 'render-diagram.sh'), diagram, join(outdir, 'mesh.svg')], { stdio: 'inherit' });
    if (rendered.status !== 0) {
      process.exitCode = 1;
    }
  } else {
    process.stdout.write('Diagram (SVG): skipped, no /usr/bin/chromium (apt-get install chromium to render it)\n');
  }
  process.exitCode = report.errors > 0 ? 1 : process.exitCode ?? 0;
}
