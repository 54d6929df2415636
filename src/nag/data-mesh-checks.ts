/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport, PolicyValidationStack, PolicyViolation, Stack } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { MeshIndex, SynthesizedTemplates } from './mesh-index';
import { isCouldNotEvaluate, PACK_NAME, RuleDefinition, ruleId, UNVERIFIED_KEY, unverifiedId, Verdict } from './rule';
import { ALL_RULES } from './rules';

/** Options of the DataMeshChecks pack. */
export interface DataMeshChecksProps extends NagPackProps {
  /**
   * Report what a rule could not verify at synth (a value only known at deploy: a parameter, an import,
   * an environment-agnostic stack's account) as an error of an error rule, so that only a template whose
   * every checked value is known can pass.
   *
   * By default such a finding is a warning, `DataMesh-<ID>[Unverified]`, whose message names each value
   * that could not be read: check those values, then acknowledge that id with the reason
   * (docs/decisions/0014-unverifiable-findings.md). A warning rule's unverifiable findings stay warnings.
   *
   * @default false
   */
  readonly strict?: boolean;
}

/** One synthesis being validated: its templates, the stacks validated so far, the index of the whole app. */
interface Synthesis {
  readonly root: IConstruct;
  readonly templates: SynthesizedTemplates;
  readonly validated: Set<string>;
  index?: MeshIndex;
}

/**
 * The data-mesh rule pack: every constraint of a federated mesh on SageMaker Catalog as a
 * synth-time finding, so that a broken mesh fails at `cdk synth`, never at deploy.
 *
 * A cdk-nag v3 pack. Rules read CloudFormation resources and their properties, so meshes
 * written with raw `Cfn*` resources or another library are checked too. Rule ids are
 * `DataMesh-<ID>` (see RULES.md); acknowledge one on a construct and everything below it with
 * `Validations.of(scope).acknowledge({ id: 'DataMesh-VPC4[MWAA]', reason: '…' })` (the pack-qualified
 * `DataMesh::DataMesh-VPC4[MWAA]` is matched by aws-cdk-lib itself: in the whole app before aws-cdk-lib 2.271.0,
 * on the construct and below from 2.271.0).
 *
 * A value a rule cannot read at synth (a parameter, an import, an environment-agnostic stack's account) is
 * never guessed: the rule reports `DataMesh-<ID>[Unverified]`, a warning naming the value, unless
 * `strict` makes it an error. A breach the rule found on the same resource is reported as well, under
 * `DataMesh-<ID>`.
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
  /** At synth, the stack being walked: only its own resources (and its nested stacks') are checked. */
  private walking?: Stack;
  /** The index and templates of the synthesis being validated, shared by its per-environment calls. */
  private synthesis?: Synthesis;

  /** True when findings that could not be verified are errors (the `strict` option). */
  public readonly strict: boolean;

  constructor(scope?: IConstruct, props?: DataMeshChecksProps) {
    super(scope, props);
    this.packName = PACK_NAME;
    this.strict = props?.strict ?? false;
    for (const rule of ALL_RULES) {
      for (const type of rule.appliesTo) {
        this.rulesByType.set(type, [...(this.rulesByType.get(type) ?? []), rule]);
      }
    }
  }

  /**
   * Called by aws-cdk-lib at synth, after every template is written, once per environment with that
   * environment's stacks. Each call checks its own stacks, so each finding is reported once; the rules
   * read each resource from its stack's template (what will be deployed); the index of the whole app,
   * which cross-stack rules read, is built once per synthesis.
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const root = context.appConstruct;
    const stacks = root === undefined ? [] : (context.stackTemplates ?? [])
      .map((template) => ({ template, stack: findByPath(root, template.stackConstructPath) }))
      .filter((entry): entry is { template: PolicyValidationStack; stack: Stack } => entry.stack !== undefined && Stack.isStack(entry.stack));
    if (root === undefined || stacks.length === 0) {
      // No stacks named (an older validation context): the whole tree, rendered from its constructs.
      return super.validate(context);
    }
    // A new synthesis, after `app.synth({ force: true })` following a change, names a stack again or one the index lacks.
    const previous = this.synthesis;
    const isNew = ({ template, stack }: { template: PolicyValidationStack; stack: Stack }) =>
      previous!.validated.has(template.stackConstructPath) || !previous!.index?.holdsStack(stack);
    const synthesis: Synthesis = previous?.root === root && !stacks.some(isNew)
      ? previous
      : { root, templates: new SynthesizedTemplates(), validated: new Set<string>() };
    for (const { template } of stacks) {
      synthesis.templates.add(template);
      synthesis.validated.add(template.stackConstructPath);
    }
    synthesis.index ??= MeshIndex.build(root, synthesis.templates);
    this.synthesis = synthesis;
    return this.check(stacks.map(({ stack }) => stack), synthesis.index, true);
  }

  /** Check every resource under `scope` (tests, or direct use outside synthesis): resources are rendered from the constructs. */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return this.check([scope], MeshIndex.build(scope));
  }

  /** Check `scopes`; with `ownResourcesOnly` (stacks at synth), a scope's resources only, not those of stacks defined inside it. */
  private check(scopes: IConstruct[], index: MeshIndex, ownResourcesOnly = false): PolicyValidationPluginReport {
    this.index = index;
    this.details = new Map();
    try {
      const violations: PolicyViolation[] = [];
      for (const scope of scopes) {
        this.walking = ownResourcesOnly && Stack.isStack(scope) ? scope : undefined;
        for (const violation of super.validateScope(scope).violations) {
          const same = violations.find((v) => v.ruleName === violation.ruleName);
          if (same) {
            same.violatingResources.push(...violation.violatingResources);
          } else {
            violations.push(violation);
          }
        }
      }
      // Errors fail synth; warnings are reported and pass (acknowledge them with a reason).
      return { success: !violations.some((v) => v.severity === 'error'), violations: violations.map((violation) => this.describe(violation)) };
    } finally {
      this.index = undefined;
      this.walking = undefined;
    }
  }

  protected checkResource(node: CfnResource): void {
    const resource = this.index?.get(node);
    if (!resource || (this.walking && topLevelStack(resource.stack) !== this.walking)) {
      // At synth, a Stack defined inside another stack is checked when its own turn comes.
      return;
    }
    for (const rule of [...(this.rulesByType.get(node.cfnResourceType) ?? []), ...(this.rulesByType.get('*') ?? [])]) {
      const id = ruleId(rule);
      let verdict: Verdict | undefined;
      let error: Error | undefined;
      let unverified: readonly string[] = [];
      try {
        verdict = rule.check(resource, this.index!);
        unverified = verdict.unverified ?? [];
      } catch (e) {
        if (isCouldNotEvaluate(e)) {
          unverified = [e.message];
        } else {
          error = e as Error; // a bug of the rule: reported under the rule's own id, never as "could not verify"
        }
      }
      const path = node.node.path;
      if (error) {
        this.details.set(`${id}|${path}`, `the rule failed: ${error.message}`);
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
      if (unverified.length > 0) {
        // A rule id of its own: cdk-nag 3 groups findings by id and gives a group the level of its first finding.
        this.details.set(`${unverifiedId(rule)}|${path}`, [...new Set(unverified)].join('; '));
        this.applyRule({
          ruleSuffixOverride: rule.id,
          level: this.strict && rule.level === NagMessageLevel.ERROR ? NagMessageLevel.ERROR : NagMessageLevel.WARN,
          info: rule.info,
          explanation: rule.explanation,
          node,
          rule: () => [UNVERIFIED_KEY],
        });
      }
    }
  }

  private describe(violation: any): any {
    const rule = ALL_RULES.find((r) => violation.ruleName === ruleId(r) || violation.ruleName.startsWith(`${ruleId(r)}[`));
    if (!rule) {
      return violation;
    }
    const details = (violation.violatingResources as Array<{ constructPath: string }>)
      .map((resource) => ({ path: resource.constructPath, detail: this.details.get(`${violation.ruleName}|${resource.constructPath}`) ?? 'non-compliant' }));
    const listed = details.map(({ path, detail }) => `${path}: ${detail}`).join('; ');
    if (violation.ruleName === unverifiedId(rule)) {
      // Nothing was found in breach by this id; what is named could not be read, and is what to check.
      const acknowledge = `check each value named above, then acknowledge ${unverifiedId(rule)} on the resource (or a construct above it) with the reason`;
      return {
        ...violation,
        description: `Could not verify at synth: ${rule.info} ${listed}. To accept: ${acknowledge}${this.strict ? '' : '; DataMeshChecks({ strict: true }) makes such findings of error rules errors'}.`,
        fix: `${rule.fix} Or pass the values named as literals, or ${acknowledge}.`,
        ruleMetadata: { explanation: rule.explanation, checklist: rule.checklist },
      };
    }
    return {
      ...violation,
      description: `${rule.info} ${listed}.`,
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

/** The construct at `path` (a construct path such as `Mesh/Governance`) under `root`. */
function findByPath(root: IConstruct, path: string): IConstruct | undefined {
  let current: IConstruct | undefined = root;
  for (const id of path.split('/').filter((part) => part !== '')) {
    current = current?.node.tryFindChild(id);
  }
  return current;
}

/** The stack a nested stack is deployed with (a stack that is not nested is its own). */
function topLevelStack(stack: Stack): Stack {
  let top = stack;
  while (top.nestedStackParent) {
    top = top.nestedStackParent;
  }
  return top;
}
