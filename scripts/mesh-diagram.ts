/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 *
 * The mesh's diagram, drawn from the synthesized templates: accounts as boxes; the domain, profiles,
 * projects, data products, subscriptions and bound functions inside them; arrows for the shares,
 * profile targets, grants, subscriptions and bindings. Written as Mermaid text (mesh.mmd); rendered
 * to SVG by scripts/render-diagram.sh (Mermaid CLI with Debian's Chromium).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { MeshReport } from './mesh-report';

interface Node {
  readonly id: string;
  readonly label: string;
  readonly account: string;
}

/** The Mermaid text of the mesh in `report` (its templates are in `report.outdir`). */
export function meshDiagram(report: MeshReport): string {
  const nodes: Node[] = [];
  const edges: string[] = [];
  const add = (account: string, id: string, label: string) => {
    if (!nodes.some((n) => n.id === id)) {
      nodes.push({ id, label, account });
    }
    return id;
  };
  const roleOf = (account: string) => report.accounts.find((a) => a.account === account)?.role.split(' ')[0] ?? 'account';
  const domains: string[] = [];
  const projects = new Map<string, string>(); // project name -> node id
  const producers: string[] = [];

  for (const stack of report.stacks) {
    const template = JSON.parse(readFileSync(join(report.outdir, stack.templateFile), 'utf-8'));
    for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
      const p = resource.Properties ?? {};
      const id = `${stack.name}_${logicalId}`.replace(/[^A-Za-z0-9_]/g, '_');
      switch (resource.Type) {
        case 'AWS::DataZone::Domain':
          domains.push(add(stack.account, id, `Domain ${p.Name} (V2)`));
          break;
        case 'AWS::RAM::ResourceShare':
          if (typeof p.Name === 'object' || String(p.Name).startsWith('DataZone')) {
            for (const principal of p.Principals ?? []) {
              edges.push(`${domains[0] ?? id} -. "RAM share" .-> acct_${principal}`);
            }
          }
          break;
        case 'AWS::DataZone::ProjectProfile': {
          const profile = add(stack.account, id, `Profile ${p.Name}`);
          const targets = new Set<string>((p.EnvironmentConfigurations ?? []).map((c: any) => c.AwsAccount?.AwsAccountId).filter(Boolean));
          const blueprints = (p.EnvironmentConfigurations ?? []).map((c: any) => c.Name).join(' + ');
          targets.forEach((target) => edges.push(`${profile} -- "${blueprints}" --> acct_${target}`));
          break;
        }
        case 'AWS::DataZone::Project':
          projects.set(p.Name, add(stack.account, id, `Project ${p.Name}`));
          break;
        case 'AWS::DataZone::DataSource':
          producers.push(add(stack.account, id, `Data source ${p.Name}: publishes ${(p.Configuration?.GlueRunConfiguration?.RelationalFilterConfigurations ?? []).map((c: any) => c.DatabaseName).join(', ')}`));
          break;
        case 'AWS::LakeFormation::PrincipalPermissions': {
          const r = p.Resource ?? {};
          const what = r.Table ? `${r.Table.DatabaseName}.${r.Table.Name ?? '*'}` : `${r.Database?.Name}`;
          // A WorkloadBinding lets the account's DataZone manage-access role create the subscribed tables' links.
          const manageAccess = JSON.stringify(p.Principal ?? {}).includes('AmazonSageMakerManageAccess');
          const [to, label] = manageAccess ? ['manageaccess', 'DataZone manage-access role'] : ['projectrole', 'Producer project role'];
          edges.push(`${add(stack.account, `${stack.name}_grants`, 'Lake Formation grants')} -- "${(p.Permissions ?? []).join('+')} ${what}" --> ${stack.name}_${to}`);
          add(stack.account, `${stack.name}_${to}`, label);
          break;
        }
        case 'AWS::DataZone::SubscriptionTarget':
          for (const principal of p.AuthorizedPrincipals ?? []) {
            const name = String(principal).split('/').pop();
            const role = add(stack.account, `${id}_${name}`.replace(/[^A-Za-z0-9_]/g, '_'), `Role ${name} (unchanged)`);
            edges.push(`${projects.get('Consumer') ?? 'consumer_project'} -- "subscription target: DataZone grants subscribed tables" --> ${role}`);
          }
          break;
        case 'Custom::ConsumerSubscription':
          edges.push(`${projects.get('Consumer') ?? 'consumer_project'} == "subscribes to ${p.AssetName}" ==> ${producers[0] ?? 'published_asset'}`);
          break;
        case 'Custom::ConsumerFunctionBinding':
          if (p.ReadOnly !== 'true') {
            const fn = add(stack.account, id, `Function ${String(p.FunctionName).split(':').pop()} (unchanged)`);
            edges.push(`${fn} == "assumes, via exec wrapper" ==> ${stack.name}_consumerrole`);
            add(stack.account, `${stack.name}_consumerrole`, 'Consumer project role');
          }
          break;
        case 'AWS::DataZone::EnvironmentBlueprintConfiguration':
          add(stack.account, id, `Blueprint ${p.EnvironmentBlueprintIdentifier} on two-AZ private VPC`);
          break;
        default:
          break;
      }
    }
  }

  const lines = ['flowchart LR'];
  for (const { account } of report.accounts) {
    lines.push(`  subgraph acct_${account}["${roleOf(account)} account ${account}"]`);
    for (const node of nodes.filter((n) => n.account === account)) {
      lines.push(`    ${node.id}["${node.label.replace(/"/g, "'")}"]`);
    }
    lines.push('  end');
  }
  lines.push(...[...new Set(edges)].map((e) => `  ${e}`));
  return lines.join('\n') + '\n';
}
