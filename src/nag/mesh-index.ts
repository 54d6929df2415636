/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { CfnOutput, CfnParameter, CfnResource, PolicyValidationStack, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CouldNotEvaluate, PARAMETER } from './could-not-evaluate';

/** A CloudFormation resource of the app; its properties are rendered and resolved once, when a rule first reads them. */
export interface IndexedResource {
  readonly node: CfnResource;
  readonly stack: Stack;
  readonly logicalId: string;
  readonly type: string;
  /**
   * The resource's CloudFormation `Properties`, resolved: pseudo parameters (`AWS::Region`, `AWS::AccountId`,
   * `AWS::Partition`, `AWS::URLSuffix`) are replaced by the stack's environment when it is known, and an
   * `Fn::Sub` or `Fn::Join` that is then literal becomes its string (see `resolveKnown`). Every other
   * intrinsic stays as its `{ Ref }`, `{ Fn::… }` object; a `{ Ref }` to a template parameter carries the
   * parameter's name and default (read by `describeValue`), never its default as a value.
   */
  readonly properties: Record<string, any>;
  /** Logical ids this resource depends on, directly (`DependsOn`) or through references in its properties. */
  readonly dependsOn: Set<string>;
}

/**
 * The templates a synthesis wrote, parsed when a rule first reads a resource of their stack.
 *
 * Only for the validation plugin path: aws-cdk-lib calls a plugin after it has written every template
 * of the app, once per environment with that environment's stacks. Reading a template is both cheaper
 * than rendering the constructs again and exactly what will be deployed. A stack of another
 * environment is read from its stage's assembly directory.
 */
export class SynthesizedTemplates {
  private readonly paths = new Map<string, string>();
  private readonly parsed = new Map<string, { template: Record<string, any>; logicalIds: Map<string, string> }>();

  /** Record the template file of a stack that aws-cdk-lib handed to a validation call. */
  public add(stack: PolicyValidationStack): void {
    this.paths.set(stack.stackConstructPath, stack.templatePath);
  }

  /** The size of `stack`'s written template, or undefined when there is none. */
  public bytes(stack: Stack): number | undefined {
    const file = this.fileOf(stack);
    return existsSync(file) ? statSync(file).size : undefined;
  }

  /** The CloudFormation of `logicalId` in `stack`'s template, or undefined when no written template holds it. */
  public resource(stack: Stack, logicalId: string): Record<string, any> | undefined {
    return this.read(stack)?.template.Resources?.[logicalId];
  }

  /**
   * The logical id of `node` in its stack's template, from the construct path each resource carries in
   * its `aws:cdk:path` metadata (resolving the logical id instead costs more than the rest of a run).
   */
  public logicalIdOf(node: CfnResource, stack: Stack): string | undefined {
    return this.read(stack)?.logicalIds.get(node.node.path);
  }

  private fileOf(stack: Stack): string {
    return this.paths.get(stack.node.path) ?? join(Stage.of(stack)?.outdir ?? '', stack.templateFile);
  }

  private read(stack: Stack) {
    const path = stack.node.path;
    if (!this.parsed.has(path)) {
      const file = this.fileOf(stack);
      if (!existsSync(file)) {
        return undefined; // not remembered: a later validation call may name the file
      }
      const template = JSON.parse(readFileSync(file, 'utf-8'));
      const logicalIds = new Map<string, string>();
      for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
        const constructPath = resource?.Metadata?.['aws:cdk:path'];
        if (typeof constructPath === 'string') {
          logicalIds.set(constructPath, logicalId);
        }
      }
      this.parsed.set(path, { template, logicalIds });
    }
    return this.parsed.get(path);
  }
}

/**
 * A resource read lazily: rules read a few resource types, and rendering is most of a run's cost.
 * From the synthesized template when there is one, else rendered from the construct and resolved.
 */
class LazyResource implements IndexedResource {
  private cloudFormation?: { resource: Record<string, any>; fromTemplate: boolean };
  private dependencies?: Set<string>;
  private resolved?: Record<string, any>;

  constructor(
    public readonly node: CfnResource,
    public readonly stack: Stack,
    public readonly logicalId: string,
    public readonly type: string,
    private readonly templates: SynthesizedTemplates | undefined,
    private readonly parameters: () => ReadonlyMap<string, StackParameter>,
  ) {}

  public get properties(): Record<string, any> {
    if (this.resolved === undefined) {
      this.resolved = resolveKnown(this.read().resource.Properties ?? {}, this.stack, this.parameters()) as Record<string, any>;
    }
    return this.resolved;
  }

  public get dependsOn(): Set<string> {
    if (!this.dependencies) {
      const { resource, fromTemplate } = this.read();
      this.dependencies = new Set<string>([
        ...asArray(resource.DependsOn),
        ...collectReferences(resource.Properties ?? {}),
        // A template's DependsOn already holds the construct dependencies synthesis turned into it.
        ...(fromTemplate ? [] : constructDependencies(this.node, this.stack)),
      ]);
    }
    return this.dependencies;
  }

  private read() {
    if (!this.cloudFormation) {
      const written = this.templates?.resource(this.stack, this.logicalId);
      this.cloudFormation = written
        ? { resource: written, fromTemplate: true }
        : { resource: this.stack.resolve((this.node as any)._toCloudFormation())?.Resources?.[this.logicalId] ?? {}, fromTemplate: false };
    }
    return this.cloudFormation;
  }
}

/**
 * An index of every CloudFormation resource in a scope, built once per validation run so that
 * rules that look across resources (a VPC's subnets, every stack of an app) stay linear.
 */
export class MeshIndex {
  /**
   * Build the index of every `CfnResource` under `scope`; with `templates`, resources are read from
   * the synthesized templates instead of being rendered.
   */
  public static build(scope: IConstruct, templates?: SynthesizedTemplates): MeshIndex {
    const index = new MeshIndex(templates);
    for (const construct of scope.node.findAll()) {
      if (CfnResource.isCfnResource(construct)) {
        index.add(construct);
      } else if (Stack.isStack(construct)) {
        index.stackConstructs.add(construct);
      } else if (construct instanceof CfnOutput || construct instanceof CfnParameter) {
        const counts = index.counts.get(Stack.of(construct)) ?? { outputs: 0, parameters: 0 };
        counts[construct instanceof CfnOutput ? 'outputs' : 'parameters'] += 1;
        index.counts.set(Stack.of(construct), counts);
        if (construct instanceof CfnOutput && construct.exportName !== undefined) {
          const stack = Stack.of(construct);
          const name = stack.resolve(construct.exportName);
          if (typeof name === 'string') {
            index.exports.set(name, { stack, value: () => stack.resolve(construct.value) });
          }
        }
        if (construct instanceof CfnParameter) {
          const stack = Stack.of(construct);
          const parameters = index.parameters.get(stack) ?? new Map<string, StackParameter>();
          parameters.set(stack.resolve(construct.logicalId), { name: stack.resolve(construct.logicalId), default: construct.default });
          index.parameters.set(stack, parameters);
        }
      }
    }
    return index;
  }

  private readonly counts = new Map<Stack, { outputs: number; parameters: number }>();
  private readonly exports = new Map<string, { stack: Stack; value: () => unknown }>();
  private readonly parameters = new Map<Stack, Map<string, StackParameter>>();
  private readonly stackConstructs = new Set<Stack>();

  private readonly byNode = new Map<CfnResource, IndexedResource>();
  private readonly byStack = new Map<Stack, { byId: Map<string, IndexedResource>; byType: Map<string, IndexedResource[]> }>();
  private readonly allByType = new Map<string, IndexedResource[]>();

  private constructor(private readonly templates?: SynthesizedTemplates) {}

  /** True when `stack` was in the scope when the index was built. */
  public holdsStack(stack: Stack): boolean {
    return this.stackConstructs.has(stack);
  }

  /** The indexed form of `node`. */
  public get(node: CfnResource): IndexedResource | undefined {
    return this.byNode.get(node);
  }

  /** Every resource of `type` in `stack`. */
  public ofType(stack: Stack, type: string): IndexedResource[] {
    return this.byStack.get(stack)?.byType.get(type) ?? [];
  }

  /** Every resource of `type` in the whole scope. */
  public allOfType(type: string): IndexedResource[] {
    return this.allByType.get(type) ?? [];
  }

  /** How many resources `stack` holds. */
  public stackSize(stack: Stack): number {
    return this.byStack.get(stack)?.byId.size ?? 0;
  }

  /** How many outputs `stack` declares. */
  public outputCount(stack: Stack): number {
    return this.counts.get(stack)?.outputs ?? 0;
  }

  /** How many parameters `stack` declares. */
  public parameterCount(stack: Stack): number {
    return this.counts.get(stack)?.parameters ?? 0;
  }

  /**
   * The size in bytes of `stack`'s synthesized template, or undefined when it is not known: only a
   * validation at synth (the plugin path) sees the templates that synthesis wrote.
   */
  public templateBytes(stack: Stack): number | undefined {
    return this.templates?.bytes(stack);
  }

  /** The logical id of the first resource indexed in `stack` (where stack-wide rules report). */
  public firstOf(stack: Stack): string | undefined {
    return this.byStack.get(stack)?.byId.keys().next().value;
  }

  /** The resource types of `stack`. */
  public typesIn(stack: Stack): string[] {
    return [...(this.byStack.get(stack)?.byType.keys() ?? [])];
  }

  /** The stacks that hold at least one resource. */
  public stacks(): Stack[] {
    return [...this.byStack.keys()];
  }

  /**
   * The resource of `from`'s stack that `value` refers to with `Ref` or `Fn::GetAtt`, or undefined
   * when `value` is a literal or refers to something else (a parameter, a pseudo parameter).
   */
  public target(from: IndexedResource, value: unknown): IndexedResource | undefined {
    const logicalId = referencedLogicalId(value);
    return logicalId === undefined ? undefined : this.byStack.get(from.stack)?.byId.get(logicalId);
  }

  /**
   * One name for what `value` (read in `from`'s stack) is, the same in every stack of the app: a literal is
   * itself; a `Ref` or `Fn::GetAtt` names its stack's resource (and attribute); an `Fn::ImportValue` of an
   * export of the app is what the exporting stack gives; anything else (a parameter, a lookup) is its own
   * rendering, equal only to the same rendering in the same stack.
   */
  public identity(from: Stack, value: unknown): string {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return `literal:${value}`;
    }
    const v = (value ?? {}) as Record<string, any>;
    const imported = v['Fn::ImportValue'];
    if (typeof imported === 'string' && this.exports.has(imported)) {
      const exported = this.exports.get(imported)!;
      return this.identity(exported.stack, exported.value());
    }
    const logicalId = referencedLogicalId(value);
    if (logicalId !== undefined) {
      const attribute = Array.isArray(v['Fn::GetAtt']) ? `.${v['Fn::GetAtt'][1]}` : '';
      // Before synthesis a reference to another stack's resource renders as that stack's Ref or Fn::GetAtt.
      const holders = this.byStack.get(from)?.byId.has(logicalId)
        ? [from]
        : [...this.byStack.entries()].filter(([, entry]) => entry.byId.has(logicalId)).map(([stack]) => stack);
      if (holders.length === 1) {
        return `resource:${holders[0].node.path}/${logicalId}${attribute}`;
      }
    }
    return `value:${from.node.path}:${JSON.stringify(value)}`;
  }

  /** True when `value` refers to `to` (a resource of the same stack) with `Ref` or `Fn::GetAtt`. */
  public refersTo(value: unknown, to: IndexedResource): boolean {
    return referencedLogicalId(value) === to.logicalId;
  }

  /** The resources of `type` in `to`'s stack whose property `prop` refers to `to`. */
  public referrers(to: IndexedResource, type: string, prop: string): IndexedResource[] {
    return this.ofType(to.stack, type).filter((r) => referencedLogicalId(r.properties[prop]) === to.logicalId);
  }

  private add(node: CfnResource): void {
    const stack = Stack.of(node);
    const logicalId: string = this.templates?.logicalIdOf(node, stack) ?? stack.resolve(node.logicalId);
    const parameters = () => this.parameters.get(stack) ?? NO_PARAMETERS;
    const resource = new LazyResource(node, stack, logicalId, node.cfnResourceType, this.templates, parameters);
    this.byNode.set(node, resource);
    let entry = this.byStack.get(stack);
    if (!entry) {
      entry = { byId: new Map(), byType: new Map() };
      this.byStack.set(stack, entry);
    }
    entry.byId.set(logicalId, resource);
    push(entry.byType, resource.type, resource);
    push(this.allByType, resource.type, resource);
  }
}

/** A parameter of a stack's template: its logical id and default (undefined without one). */
export interface StackParameter {
  readonly name: string;
  readonly default?: unknown;
}

const NO_PARAMETERS: ReadonlyMap<string, StackParameter> = new Map();

/** The partition and URL suffix of a literal Region; undefined for a Region this pack does not know the partition of. */
function partitionOf(region: string): { partition: string; urlSuffix: string } | undefined {
  if (region.startsWith('cn-')) {
    return { partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' };
  }
  if (region.startsWith('us-gov-')) {
    return { partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' };
  }
  if (/^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/.test(region)) {
    return { partition: 'aws', urlSuffix: 'amazonaws.com' };
  }
  return undefined;
}

/** The values of the pseudo parameters that `stack`'s environment decides (those of an environment-agnostic stack stay unknown). */
function pseudoParameters(stack: Stack): Map<string, string> {
  const known = new Map<string, string>();
  if (!Token.isUnresolved(stack.account)) {
    known.set('AWS::AccountId', stack.account);
  }
  if (!Token.isUnresolved(stack.region)) {
    known.set('AWS::Region', stack.region);
    const partition = partitionOf(stack.region);
    if (partition) {
      known.set('AWS::Partition', partition.partition);
      known.set('AWS::URLSuffix', partition.urlSuffix);
    }
  }
  return known;
}

/**
 * `value` with what the stack decides resolved: the one resolver every rule reads through (via
 * `IndexedResource.properties`). A `{ Ref }` to a pseudo parameter becomes the stack's account, Region,
 * partition or URL suffix when the stack has an explicit environment; an `Fn::Sub` whose variables are
 * all known and an `Fn::Join` of literals become strings; a `{ Ref }` to a template parameter is kept
 * (its default may be overridden at deploy) and carries the parameter for messages. Everything else is
 * kept as is, so a rule that cannot read a value says so instead of reading `[object Object]`.
 */
export function resolveKnown(value: unknown, stack: Stack, parameters: ReadonlyMap<string, StackParameter> = NO_PARAMETERS): any {
  const pseudo = pseudoParameters(stack);
  const walk = (v: unknown): any => {
    if (Array.isArray(v)) {
      return v.map(walk);
    }
    if (!v || typeof v !== 'object') {
      return v;
    }
    const object = v as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1 && typeof object.Ref === 'string') {
      const known = pseudo.get(object.Ref);
      if (known !== undefined) {
        return known;
      }
      const parameter = parameters.get(object.Ref);
      if (parameter) {
        const ref: Record<string | symbol, unknown> = { Ref: object.Ref };
        Object.defineProperty(ref, PARAMETER, { value: parameter, enumerable: false });
        return ref;
      }
      return { Ref: object.Ref };
    }
    if (keys.length === 1 && keys[0] === 'Fn::Sub') {
      const sub = walk(object['Fn::Sub']);
      const [text, variables] = typeof sub === 'string' ? [sub, {}] : Array.isArray(sub) ? [sub[0], sub[1] ?? {}] : [undefined, undefined];
      if (typeof text !== 'string' || !variables || typeof variables !== 'object') {
        return { 'Fn::Sub': sub };
      }
      const known = (name: string): string | undefined => {
        const given = (variables as Record<string, unknown>)[name];
        return typeof given === 'string' ? given : given === undefined ? pseudo.get(name) : undefined;
      };
      const unknown = [...text.matchAll(/\$\{(?!!)([^}]*)\}/g)].some((m) => known(m[1]) === undefined);
      // Fully known: the string CloudFormation will make (`${!x}` is the literal `${x}`); else only the known pseudo parameters replaced.
      const replaced = text.replace(/\$\{(!?)([^}]*)\}/g, (whole: string, bang: string, name: string) =>
        (bang === '!' ? (unknown ? whole : `\${${name}}`) : (!unknown ? known(name)! : (pseudo.get(name) !== undefined && (variables as any)[name] === undefined ? pseudo.get(name)! : whole))));
      if (!unknown) {
        return replaced;
      }
      return { 'Fn::Sub': typeof sub === 'string' ? replaced : [replaced, variables] };
    }
    if (keys.length === 1 && keys[0] === 'Fn::Join') {
      const joined = walk(object['Fn::Join']);
      if (Array.isArray(joined) && typeof joined[0] === 'string' && Array.isArray(joined[1]) && joined[1].every((p: unknown) => typeof p === 'string')) {
        return joined[1].join(joined[0]);
      }
      return { 'Fn::Join': joined };
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      out[key] = walk(object[key]);
    }
    return out;
  };
  return walk(value);
}

/** The logical id in `{ Ref: X }` or `{ 'Fn::GetAtt': [X, …] }`, else undefined. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') {
      return v.Ref;
    }
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      return getAtt[0];
    }
  }
  return undefined;
}

/** Where each resource type names a DataZone user: a user profile's id, an IAM principal's ARN or an SSO user. */
export const DATAZONE_USER_OF: Readonly<Record<string, (properties: Record<string, any>) => unknown>> = {
  'AWS::DataZone::ProjectMembership': (p) => p.Member?.UserIdentifier,
  'AWS::DataZone::PolicyGrant': (p) => p.Principal?.User?.UserIdentifier,
  'AWS::DataZone::Owner': (p) => p.Owner?.User?.UserIdentifier,
};

/**
 * True when CloudFormation creates `resource` after `dependency`: in one stack, a path of dependencies
 * (`DependsOn`, `Ref`, `Fn::GetAtt`, transitively) from `resource` to it; across stacks, `resource`'s stack
 * depends on `dependency`'s stack (`stackDependsOn`).
 */
export function orderedAfter(resource: IndexedResource, dependency: IndexedResource, mesh: MeshIndex): boolean {
  if (dependency.stack !== resource.stack) {
    return stackDependsOn(resource.stack, dependency.stack);
  }
  const seen = new Set<string>();
  const queue = [...resource.dependsOn];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (id === dependency.logicalId) {
      return true;
    }
    if (!seen.has(id)) {
      seen.add(id);
      queue.push(...(mesh.target(resource, { Ref: id })?.dependsOn ?? []));
    }
  }
  return false;
}

/** True when `stack` depends on `on`, directly or through other stacks (`stack.dependencies`). */
export function stackDependsOn(stack: Stack, on: Stack, seen: Set<Stack> = new Set()): boolean {
  if (seen.has(stack)) {
    return false;
  }
  seen.add(stack);
  return stack.dependencies.some((d) => d === on || stackDependsOn(d, on, seen));
}

/**
 * The items of a comma-separated value (subnet ids, say): a literal string split at commas, or the parts of
 * an `Fn::Join` with `,` (a literal part may itself hold commas); a lone `Ref`/`Fn::GetAtt` is one item
 * (aws-cdk-lib renders a join of one token as the token). Anything else throws `CouldNotEvaluate` naming it.
 */
export function commaSeparatedParts(value: unknown, what: string): unknown[] {
  if (typeof value === 'string') {
    return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  }
  const joined = (value as any)?.['Fn::Join'];
  if (Array.isArray(joined) && joined[0] === ',' && Array.isArray(joined[1])) {
    return joined[1].flatMap((part: unknown) => (typeof part === 'string' ? commaSeparatedParts(part, what) : [part]));
  }
  if (referencedLogicalId(value) !== undefined) {
    return [value];
  }
  throw new CouldNotEvaluate(what, value);
}

/** `value` as a literal string, or throws `CouldNotEvaluate` naming `what` and the value. */
export function literalString(value: unknown, what: string): string {
  if (typeof value === 'string') {
    return value;
  }
  throw new CouldNotEvaluate(what, value);
}

/** A list property as an array (an intrinsic that yields a list cannot be read: throws `CouldNotEvaluate` naming it). */
export function literalList(value: unknown, what: string): unknown[] {
  if (value === undefined) {
    return [];
  }
  if (Array.isArray(value)) {
    return value;
  }
  throw new CouldNotEvaluate(what, value);
}

/**
 * Logical ids of the resources `node` depends on through `construct.node.addDependency()` on it or
 * an ancestor; aws-cdk-lib turns those into `DependsOn` only during synthesis, after which a
 * `validateScope()` call outside synthesis would not see them.
 */
function constructDependencies(node: CfnResource, stack: Stack): string[] {
  const ids: string[] = [];
  for (const scope of node.node.scopes) {
    for (const target of scope.node.dependencies) {
      for (const resource of target.node.findAll()) {
        if (CfnResource.isCfnResource(resource) && Stack.of(resource) === stack && resource !== node) {
          ids.push(stack.resolve(resource.logicalId));
        }
      }
    }
  }
  return ids;
}

function collectReferences(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((v) => collectReferences(v, into));
  } else if (value && typeof value === 'object') {
    const id = referencedLogicalId(value);
    if (id !== undefined) {
      into.push(id);
    } else {
      Object.values(value).forEach((v) => collectReferences(v, into));
    }
  }
  return into;
}

function asArray(value: unknown): string[] {
  if (value === undefined) {
    return [];
  }
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/** A boolean property (CloudFormation also accepts the strings 'true' / 'false'); absent is false. */
export function literalBoolean(value: unknown, what: string): boolean {
  if (value === undefined || typeof value === 'boolean') {
    return value === true;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  throw new CouldNotEvaluate(what, value);
}
