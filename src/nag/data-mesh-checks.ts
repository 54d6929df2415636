/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack, NagPackProps, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { MeshIndex } from './mesh-index';
import { PACK_NAME, RuleDefinition, ruleId, Verdict } from './rule';
import { ALL_RULES } from './rules';

/**
 * The data-mesh rule pack: every constraint of a federated mesh on SageMaker Catalog as a
 * synth-time finding, so that a broken mesh fails at `cdk synth`, never at deploy.
 *
 * A cdk-nag v3 pack. Rules read CloudFormation resources and their properties, so meshes
 * written with raw `Cfn*` resources or another library are checked too. Rule ids are
 * `DataMesh-<ID>` (see RULES.md); acknowledge one with
 * `Validations.of(scope).acknowledge({ id: 'DataMesh::DataMesh-VPC4[MWAA]', reason: '…' })`.
 *
 * @example
 * const app = new App();
 * Validations.of(app).addPlugins(new DataMeshChecks());
 */
export class DataMeshChecks extends NagPack {
  public readonly name = PACK_NAME;

  /** The ids of every rule in the pack, e.g. `DataMesh-VPC1`. */
  public readonly ruleIds?: string[] = ALL_RULES.map(ruleId);

  private readonly rulesByType = new Map<string, RuleDefinition[]>();
  private index?: MeshIndex;
  /** What each rule found on each resource in the current run, by `<rule name>|<construct path>`. */
  private details = new Map<string, string>();

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = PACK_NAME;
    for (const rule of ALL_RULES) {
      for (const type of rule.appliesTo) {
        this.rulesByType.set(type, [...(this.rulesByType.get(type) ?? []), rule]);
      }
    }
  }

  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    this.index = MeshIndex.build(scope);
    this.details = new Map();
    const report = super.validateScope(scope);
    this.index = undefined;
    return { ...report, violations: report.violations.map((violation) => this.describe(violation)) };
  }

  protected checkResource(node: CfnResource): void {
    const resource = this.index?.get(node);
    if (!resource) {
      return;
    }
    for (const rule of [...(this.rulesByType.get(node.cfnResourceType) ?? []), ...(this.rulesByType.get('*') ?? [])]) {
      const id = ruleId(rule);
      let verdict: Verdict | undefined;
      let error: Error | undefined;
      try {
        verdict = rule.check(resource, this.index!);
      } catch (e) {
        error = e as Error;
      }
      const path = node.node.path;
      if (error) {
        this.details.set(`${id}|${path}`, error.message);
      } else if (verdict?.compliance === NagRuleCompliance.NON_COMPLIANT) {
        this.details.set(`${id}|${path}`, `found ${verdict.found}`);
      } else if (verdict?.compliance === 'FINDINGS') {
        for (const finding of verdict.findings) {
          this.details.set(`${id}[${finding.key}]|${path}`, `found ${finding.found}`);
        }
      }
      const result = toNagResult(verdict);
      this.applyRule({
        ruleSuffixOverride: rule.id,
        level: rule.level,
        info: rule.info,
        explanation: rule.explanation,
        node,
        rule: () => {
          if (error) {
            throw error;
          }
          return result;
        },
      });
    }
  }

  private describe(violation: any): any {
    const rule = ALL_RULES.find((r) => violation.ruleName === ruleId(r) || violation.ruleName.startsWith(`${ruleId(r)}[`));
    if (!rule) {
      return violation;
    }
    const found = (violation.violatingResources as Array<{ constructPath: string }>)
      .map((resource) => `${resource.constructPath}: ${this.details.get(`${violation.ruleName}|${resource.constructPath}`) ?? 'non-compliant'}`);
    return {
      ...violation,
      description: `${rule.info} ${found.join('; ')}.`,
      fix: rule.fix,
      ruleMetadata: { explanation: rule.explanation, checklist: rule.checklist },
    };
  }
}

function toNagResult(verdict: Verdict | undefined): NagRuleResult {
  if (verdict === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (verdict.compliance === 'FINDINGS') {
    return verdict.findings.map((finding) => finding.key);
  }
  return verdict.compliance;
}
