/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'crypto';
import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { acknowledge } from './acknowledge';
import { managedPolicyFinding } from './custom-resource';

/** The shared roles registered for a scope (a `DataMesh`): its stacks below it in one account and Region use them. */
const registry = new WeakMap<IConstruct, SharedProviderRoles>();

/**
 * The two roles of the aws-cdk-lib `Provider` framework's own functions (its `onEvent`, and its `isComplete` and
 * `onTimeout`), made once in the first governance stack of a `DataMesh` and used by every `PythonProvider` of the
 * mesh's stacks in that account and Region (decision 0016). Internal.
 *
 * Without it each provider makes one framework role per framework function (one, or three for a provider that
 * waits), in every stack. With it the framework roles are two per mesh: their policy names the mesh's handler
 * functions and waiter state machines by a name prefix (`cdk-data-mesh-<mesh digest>-`), which `PythonProvider`
 * gives them, so the policy does not grow with the stacks. The roles have fixed names and are imported by name,
 * immutable, in the other stacks: nothing is added to them there.
 */
export class SharedProviderRoles extends Construct {
  /** Register shared roles for the stacks under `scope`, made in `owner` (which the other stacks deploy after). */
  public static register(scope: Construct, owner: Stack): SharedProviderRoles {
    if (registry.has(scope)) {
      throw new Error(`cdk-data-mesh: ${scope.node.path} already has shared provider roles (internal error)`);
    }
    const roles = new SharedProviderRoles(owner, 'CdkDataMeshSharedProviderRoles', scope.node.path);
    registry.set(scope, roles);
    return roles;
  }

  /** The shared roles that serve `stack`: registered on an ancestor of it, in its account and Region; else none. */
  public static find(stack: Stack): SharedProviderRoles | undefined {
    for (let scope: IConstruct | undefined = stack.node.scope; scope; scope = scope.node.scope) {
      const roles = registry.get(scope);
      if (roles) {
        const owner = Stack.of(roles);
        return !Token.isUnresolved(stack.account) && owner.account === stack.account && owner.region === stack.region ? roles : undefined;
      }
    }
    return undefined;
  }

  /** The name prefix of the mesh's handler functions and waiter state machines: `cdk-data-mesh-<digest>-`. */
  public readonly prefix: string;
  private readonly onEventRoleName: string;
  private readonly completeRoleName: string;
  private readonly onEventRole: iam.Role;
  private readonly completeRole: iam.Role;

  private constructor(scope: Stack, id: string, meshPath: string) {
    super(scope, id);
    // IAM role names are global to the account: the mesh's path and Region tell two meshes of one account apart.
    const key = digest(`${meshPath}/${scope.region}`);
    this.prefix = `cdk-data-mesh-${key}-`;
    this.onEventRoleName = `cdk-data-mesh-${key}-provider-on-event`;
    this.completeRoleName = `cdk-data-mesh-${key}-provider-is-complete`;
    const functions = `arn:${Aws.PARTITION}:lambda:${scope.region}:${scope.account}:function:${this.prefix}*`;
    const stateMachines = `arn:${Aws.PARTITION}:states:${scope.region}:${scope.account}:stateMachine:${this.prefix}*`;
    const role = (roleId: string, roleName: string, description: string, statements: iam.PolicyStatement[]) => {
      const made = new iam.Role(this, roleId, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        roleName,
        description: `cdk-data-mesh: ${description}`,
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
        inlinePolicies: { Provider: new iam.PolicyDocument({ statements }) },
      });
      acknowledge(made, managedPolicyFinding('service-role/AWSLambdaBasicExecutionRole'),
        'The aws-cdk-lib Provider framework functions log to their default log groups (/aws/lambda/<function name>, named by CloudFormation), which the AWS managed AWSLambdaBasicExecutionRole covers.');
      acknowledge(made, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:lambda:${scope.region}:${scope.account}:function:${this.prefix}*]`,
        `The framework invokes the mesh's own handler functions, in every stack of the mesh in this account: the prefix ${this.prefix} names them and nothing else (decision 0016).`);
      return made;
    };
    this.onEventRole = role('OnEventRole', this.onEventRoleName, 'the Provider framework\'s onEvent functions of this data mesh\'s stacks',
      [
        new iam.PolicyStatement({ sid: 'InvokeMeshHandlers', actions: ['lambda:InvokeFunction', 'lambda:GetFunction'], resources: [functions] }),
        new iam.PolicyStatement({ sid: 'StartMeshWaiters', actions: ['states:StartExecution'], resources: [stateMachines] }),
      ]);
    acknowledge(this.onEventRole, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${scope.region}:${scope.account}:stateMachine:${this.prefix}*]`,
      `The framework starts the waiter state machines of the mesh's providers, in every stack of the mesh in this account: the prefix ${this.prefix} names them and nothing else (decision 0016).`);
    this.completeRole = role('IsCompleteRole', this.completeRoleName, 'the Provider framework\'s isComplete and onTimeout functions of this data mesh\'s stacks',
      [new iam.PolicyStatement({ sid: 'InvokeMeshHandlers', actions: ['lambda:InvokeFunction', 'lambda:GetFunction'], resources: [functions] })]);
  }

  /** The framework roles for a provider of `stack`: immutable (the framework's own grants are covered by the prefix). */
  public rolesFor(stack: Stack): { onEvent: iam.IRole; complete: iam.IRole } {
    if (stack === Stack.of(this)) {
      return { onEvent: this.onEventRole.withoutPolicyUpdates(), complete: this.completeRole.withoutPolicyUpdates() };
    }
    const existing = stack.node.tryFindChild('CdkDataMeshSharedFrameworkRoles') as Construct | undefined;
    const holder = existing ?? new Construct(stack, 'CdkDataMeshSharedFrameworkRoles');
    if (!existing) {
      if (!stack.dependencies.includes(Stack.of(this))) {
        stack.addStackDependency(Stack.of(this), 'the shared provider roles exist first');
      }
      iam.Role.fromRoleName(holder, 'OnEvent', this.onEventRoleName, { mutable: false });
      iam.Role.fromRoleName(holder, 'IsComplete', this.completeRoleName, { mutable: false });
    }
    return { onEvent: holder.node.findChild('OnEvent') as iam.IRole, complete: holder.node.findChild('IsComplete') as iam.IRole };
  }

  /** A name under the prefix for a resource at `path` of the mesh (a handler function, a waiter state machine). */
  public nameFor(path: string): string {
    return `${this.prefix}${digest(path, 12)}`;
  }
}

function digest(value: string, length = 8): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}
