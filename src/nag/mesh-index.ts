/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CouldNotEvaluate } from './rule';

/** A CloudFormation resource of the app; its properties are rendered and resolved once, when a rule first reads them. */
export interface IndexedResource {
  readonly node: CfnResource;
  readonly stack: Stack;
  readonly logicalId: string;
  readonly type: string;
  /** The resource's CloudFormation `Properties`, resolved (intrinsics stay as `{ Ref }`, `{ Fn::… }` objects). */
  readonly properties: Record<string, any>;
  /** Logical ids this resource depends on, directly (`DependsOn`) or through references in its properties. */
  readonly dependsOn: Set<string>;
}

/** Renders a resource lazily: rules read a few resource types, and rendering is most of a run's cost. */
class LazyResource implements IndexedResource {
  private rendered?: { properties: Record<string, any>; dependsOn: Set<string> };

  constructor(
    public readonly node: CfnResource,
    public readonly stack: Stack,
    public readonly logicalId: string,
    public readonly type: string,
  ) {}

  public get properties(): Record<string, any> {
    return this.render().properties;
  }

  public get dependsOn(): Set<string> {
    return this.render().dependsOn;
  }

  private render() {
    if (!this.rendered) {
      const cloudFormation = this.stack.resolve((this.node as any)._toCloudFormation())?.Resources?.[this.logicalId] ?? {};
      const properties = cloudFormation.Properties ?? {};
      this.rendered = {
        properties,
        dependsOn: new Set<string>([
          ...asArray(cloudFormation.DependsOn),
          ...collectReferences(properties),
          ...constructDependencies(this.node, this.stack),
        ]),
      };
    }
    return this.rendered;
  }
}

/**
 * An index of every CloudFormation resource in a scope, built once per validation run so that
 * rules that look across resources (a VPC's subnets, every stack of an app) stay linear.
 */
export class MeshIndex {
  /** Build the index of every `CfnResource` under `scope`. */
  public static build(scope: IConstruct): MeshIndex {
    const index = new MeshIndex();
    for (const construct of scope.node.findAll()) {
      if (CfnResource.isCfnResource(construct)) {
        index.add(construct);
      }
    }
    return index;
  }

  private readonly byNode = new Map<CfnResource, IndexedResource>();
  private readonly byStack = new Map<Stack, { byId: Map<string, IndexedResource>; byType: Map<string, IndexedResource[]> }>();
  private readonly allByType = new Map<string, IndexedResource[]>();

  private constructor() {}

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
    const logicalId: string = stack.resolve(node.logicalId);
    const resource = new LazyResource(node, stack, logicalId, node.cfnResourceType);
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

/** `value` as a literal string, or throws `CouldNotEvaluate` naming `what`. */
export function literalString(value: unknown, what: string): string {
  if (typeof value === 'string') {
    return value;
  }
  throw new CouldNotEvaluate(what);
}

/** A list property as an array (an intrinsic that yields a list cannot be read: throws `CouldNotEvaluate`). */
export function literalList(value: unknown, what: string): unknown[] {
  if (value === undefined) {
    return [];
  }
  if (Array.isArray(value)) {
    return value;
  }
  throw new CouldNotEvaluate(what);
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
  throw new CouldNotEvaluate(what);
}
