/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { CustomResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import { ATHENA_WORKGROUP_VARIABLE, FUNCTION_BINDING_TYPE, ROLE_VARIABLE, TRUST_BINDING_TYPE } from '../contract';
import { knownRuntimes } from '../private/custom-resource';
import { projectIdParameterName, readHandoffParameter } from '../private/handoff';
import { ProjectMemberHandler } from '../private/project-member';
import { lookUpProjectRole } from '../private/project-role';
import { PythonProvider } from '../private/python-provider';
import { InputProblems } from '../private/validate';

/* The contract with DataMeshChecks' rules (src/contract.ts), exported from here as before. */
export { FUNCTION_BINDING_TYPE, ROLE_VARIABLE, TRUST_BINDING_TYPE };

/** Where the binding's layer puts the exec wrapper. */
export const EXEC_WRAPPER_PATH = '/opt/cdk-data-mesh/assume-role-wrapper';

/**
 * The Lambda runtimes whose AWS SDKs the exec wrapper is proven with: Python from 3.10 (boto3) and
 * Node.js from 18 (AWS SDK for JavaScript v3), each up to the newest that the installed aws-cdk-lib knows.
 * At most 15, the most a layer's compatible runtimes may list (the newest are kept).
 */
export const SUPPORTED_RUNTIMES: string[] = [...knownRuntimes('python', [3, 10]), ...knownRuntimes('nodejs', [18])]
  .map((runtime) => runtime.name);

/** The layer's compatible runtimes: the newest 8 Python and 7 Node.js runtimes supported (a layer lists at most 15). */
function layerRuntimes(): lambda.Runtime[] {
  return [...knownRuntimes('python', [3, 10]).slice(-8), ...knownRuntimes('nodejs', [18]).slice(-7)];
}

/** Properties of a `ConsumerBinding`. */
export interface ConsumerBindingProps {
  /** The shared domain (usually `CatalogDomain.fromSharedDomain`). */
  readonly domain: ICatalogDomain;

  /**
   * The consumer application's function: defined in this app (`lambda.Function`), or an existing one
   * imported with `lambda.Function.fromFunctionArn()` / `fromFunctionAttributes()`. Its code is not changed.
   */
  readonly function: lambda.IFunction;

  /**
   * The consumer project's name, when it was created with `MeshProjectProfile.addProject()`: its id is
   * read from the parameter the governance account shared with this account.
   *
   * @default - none: pass `projectId` or `projectRoleArn`
   */
  readonly projectName?: string;

  /**
   * The consumer project's id, to look its role up.
   *
   * @default - none: pass `projectName` or `projectRoleArn`
   */
  readonly projectId?: string;

  /**
   * The consumer project's role.
   *
   * @default - looked up at deploy: the role `datazone_usr_role_<project id>_*` of the project
   */
  readonly projectRoleArn?: string;

  /**
   * The consumer project's Glue database (`glue_db…`), given to the function as `MESH_GLUE_DATABASE`.
   *
   * @default - not set
   */
  readonly glueDatabaseName?: string;

  /**
   * The consumer project's Athena workgroup, given to the function as `MESH_ATHENA_WORKGROUP`. The project
   * role may use only workgroups tagged with its project, so the application should run its queries there.
   *
   * @default - looked up at deploy (when the project is named by `projectName` or `projectId`): the workgroup of
   * the project's Tooling environment, read by the stack's project member (`projectMemberRoleName`), which the
   * governance account must make a member of the consumer project (`ThreeAccountMesh` does); not set when only
   * `projectRoleArn` is given
   */
  readonly athenaWorkgroup?: string;

  /**
   * How often the binding is re-applied (the trust statement, and an imported function's
   * configuration), in case SageMaker Unified Studio rewrites the trust policy or the function's owner
   * redeploys it. `Duration.minutes(0)` turns it off.
   *
   * @default Duration.hours(1)
   */
  readonly reconcileInterval?: Duration;
}

/**
 * Binds an existing consumer application's Lambda function to the consumer project role, without a
 * change to its code: its AWS SDK clients, built with the default credential chain, call AWS as the
 * project role, with credentials that refresh before they expire.
 *
 * Defines:
 * - a Lambda layer with an exec wrapper (`AWS_LAMBDA_EXEC_WRAPPER`) that moves the runtime's own
 *   credentials into a source profile and points the SDKs at a profile that assumes the project role
 *   (boto3 and the AWS SDK for JavaScript v3; see docs/decisions/0006-binding-mechanism.md);
 * - the function's environment (`MESH_ROLE_ARN`, `MESH_GLUE_DATABASE`, `MESH_ATHENA_WORKGROUP`) and the
 *   layer: set directly on a function of this app, or merged into an imported function's configuration
 *   by a custom resource that keeps every other variable and layer;
 * - one statement in the project role's trust policy that lets the function's role (never the account
 *   root) assume it, added by a custom resource that keeps the other statements and removes only its own;
 * - a policy on the function's role that lets it assume that project role and no other role;
 * - the project role lookup (unless `projectRoleArn` is given) and a schedule that re-applies the binding.
 */
export class ConsumerBinding extends Construct {
  /** The consumer project role the function acts as. */
  public readonly projectRoleArn: string;
  /** The layer with the exec wrapper. */
  public readonly layer: lambda.ILayerVersion;
  /** The function's execution role. */
  public readonly functionRole: iam.IRole;
  /**
   * The name of the stack's DataZone project member role that looks the Athena workgroup up (fixed at synth),
   * when it does; register it as a member of the consumer project with `MeshProjectMember`.
   */
  public readonly projectMemberRoleName?: string;
  private handedOffProjectId?: string;

  constructor(scope: Construct, id: string, props: ConsumerBindingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    validateProps(this, stack, props);

    const projectRole = this.projectRole(props);
    this.projectRoleArn = projectRole.arn;
    this.layer = new lambda.LayerVersion(this, 'WrapperLayer', {
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'layers', 'assume-role')),
      compatibleRuntimes: layerRuntimes(),
      description: 'cdk-data-mesh: exec wrapper that makes the function\'s AWS SDKs assume the consumer project role',
    });
    const environment: Record<string, string> = { AWS_LAMBDA_EXEC_WRAPPER: EXEC_WRAPPER_PATH, [ROLE_VARIABLE]: this.projectRoleArn };
    if (props.glueDatabaseName) {
      environment.MESH_GLUE_DATABASE = props.glueDatabaseName;
    }
    const lookup = props.athenaWorkgroup === undefined ? this.lookUpWorkgroup(props) : undefined;
    this.projectMemberRoleName = lookup?.roleName;
    const workgroup = props.athenaWorkgroup ?? lookup?.workgroup;
    if (workgroup) {
      environment[ATHENA_WORKGROUP_VARIABLE] = workgroup;
    }

    const reconcile = props.reconcileInterval ?? Duration.hours(1);
    const schedule = reconcile.toMinutes() > 0 ? new events.Rule(this, 'Reconcile', {
      schedule: events.Schedule.rate(reconcile),
      description: 'cdk-data-mesh: re-applies the consumer binding',
    }) : undefined;

    const defined = props.function as lambda.Function;
    let binding: CustomResource | undefined;
    let policyHolder: iam.IRole | undefined;
    if (typeof defined.addEnvironment === 'function' && defined.role) {
      for (const [key, value] of Object.entries(environment)) {
        defined.addEnvironment(key, value);
      }
      defined.addLayers(this.layer);
      this.functionRole = defined.role;
    } else {
      const imported = this.bindImportedFunction(props.function, environment, schedule);
      binding = imported.binding;
      // The role of a function imported by ARN is known at deploy only: a read-only step reads it (ARN
      // for the trust statement, name for the policy attachment; a role path is kept in the ARN).
      this.functionRole = props.function.role ?? iam.Role.fromRoleArn(this, 'FunctionRole', imported.role.getAttString('RoleArn'), { mutable: false });
      policyHolder = props.function.role ?? iam.Role.fromRoleName(this, 'FunctionRoleByName', imported.role.getAttString('RoleName'), { mutable: true });
    }

    const assume = new iam.Policy(this, 'AssumeProjectRole', {
      statements: [
        new iam.PolicyStatement({ sid: 'AssumeTheConsumerProjectRole', actions: ['sts:AssumeRole'], resources: [this.projectRoleArn] }),
        new iam.PolicyStatement({ sid: 'AssumeNoOtherRole', effect: iam.Effect.DENY, actions: ['sts:AssumeRole'], notResources: [this.projectRoleArn] }),
      ],
    });
    (policyHolder ?? this.functionRole).attachInlinePolicy(assume);

    const trust = this.trustFunctionRole(projectRole.name, schedule);
    trust.node.addDependency(assume);
    if (binding) {
      binding.node.addDependency(trust);
    }
  }

  /** The consumer project's Athena workgroup, read at deploy by the stack's project member (F6). */
  private lookUpWorkgroup(props: ConsumerBindingProps): { workgroup: string; roleName: string } | undefined {
    const projectId = this.projectId(props);
    if (projectId === undefined) {
      return undefined;
    }
    const member = ProjectMemberHandler.of(this, props.domain);
    return { workgroup: member.lookUp(projectId, ['AthenaWorkgroup']).getAttString('AthenaWorkgroup'), roleName: member.roleName };
  }

  /** The consumer project's id: given, or read from the hand-off parameter (once). */
  private projectId(props: ConsumerBindingProps): string | undefined {
    if (props.projectId !== undefined) {
      return props.projectId;
    }
    if (props.projectName === undefined) {
      return undefined;
    }
    this.handedOffProjectId ??= readHandoffParameter(this, 'ProjectIdParameter', props.domain.governanceAccount, projectIdParameterName(props.projectName));
    return this.handedOffProjectId;
  }

  private projectRole(props: ConsumerBindingProps): { arn: string; name: string } {
    if (props.projectRoleArn) {
      return { arn: props.projectRoleArn, name: props.projectRoleArn.split('/').pop()! };
    }
    const projectId = this.projectId(props)!;
    const lookup = lookUpProjectRole(this, 'ProjectRole', projectId);
    return { arn: lookup.getAttString('RoleArn'), name: lookup.getAttString('RoleName') };
  }

  private trustFunctionRole(projectRoleName: string, schedule?: events.Rule): CustomResource {
    const stack = Stack.of(this);
    const provider = new PythonProvider(this, 'TrustProvider', {
      handler: 'binding_trust',
      description: 'adds the function role to the consumer project role\'s trust policy',
      statements: [new iam.PolicyStatement({
        sid: 'EditProjectRoleTrust',
        actions: ['iam:GetRole', 'iam:UpdateAssumeRolePolicy'],
        resources: [stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: 'datazone_usr_role_*' })],
      })],
      acknowledgements: [{
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::${Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account}:role/datazone_usr_role_*]`,
        reason: 'Project role names (datazone_usr_role_<project>_<environment>) are chosen by SageMaker Unified Studio at deploy; the handler edits only the role the binding names.',
      }],
    });
    const properties = {
      RoleName: projectRoleName,
      PrincipalArn: this.functionRole.roleArn,
      Sid: `CdkDataMeshBinding${createHash('sha256').update(this.node.path).digest('hex').slice(0, 12)}`,
    };
    schedule?.addTarget(new targets.LambdaFunction(provider.onEventFunction, {
      event: events.RuleTargetInput.fromObject({ RequestType: 'Reconcile', ResourceProperties: properties }),
    }));
    return new CustomResource(this, 'Trust', { serviceToken: provider.serviceToken, resourceType: TRUST_BINDING_TYPE, properties });
  }

  private bindImportedFunction(
    fn: lambda.IFunction, environment: Record<string, string>, schedule?: events.Rule,
  ): { binding: CustomResource; role: CustomResource } {
    const provider = new PythonProvider(this, 'FunctionProvider', {
      handler: 'function_binding',
      description: 'merges the consumer binding into the existing function\'s configuration',
      statements: [
        new iam.PolicyStatement({ sid: 'MergeFunctionConfiguration', actions: ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration'], resources: [fn.functionArn] }),
        new iam.PolicyStatement({ sid: 'UseTheBindingLayer', actions: ['lambda:GetLayerVersion'], resources: [this.layer.layerVersionArn] }),
      ],
    });
    const properties = { FunctionName: fn.functionArn, LayerArn: this.layer.layerVersionArn, Environment: environment };
    schedule?.addTarget(new targets.LambdaFunction(provider.onEventFunction, {
      event: events.RuleTargetInput.fromObject({ RequestType: 'Reconcile', ResourceProperties: properties }),
    }));
    const role = new CustomResource(this, 'FunctionRoleReader', {
      serviceToken: provider.serviceToken,
      resourceType: FUNCTION_BINDING_TYPE,
      properties: { ...properties, ReadOnly: 'true' },
    });
    const binding = new CustomResource(this, 'Function', { serviceToken: provider.serviceToken, resourceType: FUNCTION_BINDING_TYPE, properties });
    return { binding, role };
  }
}

function validateProps(scope: Construct, stack: Stack, props: ConsumerBindingProps): void {
  const problems = new InputProblems(scope, 'ConsumerBinding');
  const given = [props.projectName, props.projectId, props.projectRoleArn].filter((v) => v !== undefined).length;
  if (given === 0 || (props.projectName !== undefined && props.projectId !== undefined)) {
    problems.add('projectName', props.projectName, 'name the consumer project once: projectName (created with addProject), projectId, or projectRoleArn', 'Pass exactly one of projectName and projectId, or projectRoleArn.');
  }
  if (props.projectRoleArn !== undefined && !Token.isUnresolved(props.projectRoleArn) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(props.projectRoleArn)) {
    problems.add('projectRoleArn', props.projectRoleArn, 'expected an IAM role ARN, arn:aws:iam::<account>:role/datazone_usr_role_…', 'Copy the role ARN from the project overview, or pass projectName.');
  }
  const governance = props.domain.governanceAccount;
  if (!Token.isUnresolved(governance) && !Token.isUnresolved(stack.account) && governance === stack.account) {
    problems.add('domain', governance, 'the consumer account is the governance account itself; the consumer is a separate account', 'Deploy the binding to the consumer account.');
  }
  const fn = props.function;
  const arn = fn.functionArn;
  if (!Token.isUnresolved(arn) && !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/.test(arn)) {
    problems.add('function', arn, 'expected a Lambda function ARN, arn:aws:lambda:<region>:<account>:function:<name>', 'Import the function with lambda.Function.fromFunctionArn() and its ARN.');
  }
  const functionAccount = fn.env.account;
  if (!Token.isUnresolved(functionAccount) && !Token.isUnresolved(stack.account) && functionAccount !== stack.account) {
    problems.add('function', arn, `the function is in account ${functionAccount}, not in this consumer account ${stack.account}`, 'Bind the function from a stack in its own account.');
  }
  const runtime = (fn as lambda.Function).runtime?.name;
  if (runtime !== undefined && !SUPPORTED_RUNTIMES.includes(runtime)) {
    problems.add('function', runtime, `the binding supports the runtimes ${SUPPORTED_RUNTIMES.join(', ')}, whose AWS SDKs (boto3, AWS SDK for JavaScript v3) read the wrapper's profile`, 'Move the function to a supported runtime, or assume the role in code.');
  }
  problems.throwIfAny();
}
