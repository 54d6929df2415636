/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'crypto';
import * as path from 'path';
import { CustomResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
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
import { glueNameProblem, InputProblems, projectNameProblem } from '../private/validate';

/* The contract with DataMeshChecks' rules (src/contract.ts), exported from here as before. */
export { FUNCTION_BINDING_TYPE, ROLE_VARIABLE, TRUST_BINDING_TYPE };

/** The variable that names the session of the function's project-role credentials (the self-trust admits it). */
export const SESSION_NAME_VARIABLE = 'MESH_SESSION_NAME';

/** The metric the trust handler logs when a reconciliation restored the binding's statement. */
const TRUST_RESTORED_METRIC = { namespace: 'cdk-data-mesh', name: 'TrustStatementRestored' };

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
   * How often the binding is re-applied (the trust statements, and an imported function's
   * configuration), in case SageMaker Unified Studio rewrites the trust policy (its provisioning role may
   * call `iam:UpdateAssumeRolePolicy` on project roles directly) or the function's owner redeploys it.
   * `Duration.minutes(0)` turns it off. In us-east-1 the trust statements are also re-applied on every
   * `UpdateAssumeRolePolicy` of the project role that EventBridge receives from CloudTrail (IAM delivers
   * those events to us-east-1 only): elsewhere this schedule bounds how long the binding can be gone.
   *
   * @default Duration.minutes(15)
   */
  readonly reconcileInterval?: Duration;

  /**
   * Whether code that calls `sts.assume_role` on the project role itself (as the seed function does)
   * keeps working. Under the exec wrapper the function's default credentials already are the project
   * role's, so such a call is a role assuming itself, which IAM allows only when the role's trust policy
   * names the role. With `true`, the binding adds that statement, limited to sessions with the session
   * name the wrapper uses for this binding (condition `aws:userid` like `*:<session name>`), and removes
   * it with the binding. With `false`, no self-trust is added: such code must skip its own call when
   * `MESH_ALREADY_PROJECT_ROLE` is `true` (the wrapper sets it), or it fails with AccessDenied.
   *
   * @default true
   */
  readonly allowSelfAssumption?: boolean;

  /**
   * Whether the function's own role is denied `sts:AssumeRole` on every role but the project role.
   * It affects only calls made with the function's own credentials (the wrapper's `MESH_RUNTIME_PROFILE`
   * profile): under the wrapper the default credentials are the project role's, whose own policies
   * decide what it may assume. Turn it off for a function that must still assume another role as
   * itself, e.g. `boto3.Session(profile_name=os.environ['MESH_RUNTIME_PROFILE'])`; that role must
   * trust the function's role.
   *
   * @default true
   */
  readonly denyOtherRoles?: boolean;
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
 * - a policy on the function's role that lets it assume that project role and (`denyOtherRoles`) no other role;
 * - a self-trust (`allowSelfAssumption`) so that code which assumes the project role itself still works;
 * - the project role lookup (unless `projectRoleArn` is given), a schedule and an EventBridge rule
 *   (`UpdateAssumeRolePolicy` of the project role) that re-apply the binding, and an alarm when a
 *   reconciliation had to restore the trust statement (docs/deploy-hazards.md, F10 and F11).
 */
export class ConsumerBinding extends Construct {
  /** The consumer project role the function acts as. */
  public readonly projectRoleArn: string;
  /** The layer with the exec wrapper. */
  public readonly layer: lambda.ILayerVersion;
  /** The function's execution role. */
  public readonly functionRole: iam.IRole;
  /**
   * In alarm when a reconciliation found the binding's trust statement gone from the project role and
   * restored it (metric `cdk-data-mesh/TrustStatementRestored`, dimension `Binding`): something rewrites
   * the trust policy, and the function could not assume the role until then. Add an action to be told.
   */
  public readonly trustRestoredAlarm: cloudwatch.IAlarm;
  /** The session name of the function's project-role sessions (`MESH_SESSION_NAME`), which the self-trust admits. */
  public readonly sessionName: string;
  /**
   * The name of the account's DataZone project-member role (`cdk-data-mesh-project-member-<region>`, created by
   * `MeshMemberAccount`, imported here by name) that looks the Athena workgroup up, when it does; register it as a
   * member of the consumer project with `MeshProjectMember`.
   */
  public readonly projectMemberRoleName?: string;
  private handedOffProjectId?: string;

  constructor(scope: Construct, id: string, props: ConsumerBindingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    validateProps(this, stack, props);

    const projectRole = this.projectRole(props);
    this.projectRoleArn = projectRole.arn;
    const digest = createHash('sha256').update(this.node.path).digest('hex').slice(0, 12);
    this.sessionName = `cdk-data-mesh-${digest}`;
    this.layer = new lambda.LayerVersion(this, 'WrapperLayer', {
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'layers', 'assume-role')),
      compatibleRuntimes: layerRuntimes(),
      description: 'cdk-data-mesh: exec wrapper that makes the function\'s AWS SDKs assume the consumer project role',
    });
    const environment: Record<string, string> = {
      AWS_LAMBDA_EXEC_WRAPPER: EXEC_WRAPPER_PATH,
      [ROLE_VARIABLE]: this.projectRoleArn,
      [SESSION_NAME_VARIABLE]: this.sessionName,
    };
    if (props.glueDatabaseName) {
      environment.MESH_GLUE_DATABASE = props.glueDatabaseName;
    }
    const lookup = props.athenaWorkgroup === undefined ? this.lookUpWorkgroup(props) : undefined;
    this.projectMemberRoleName = lookup?.roleName;
    const workgroup = props.athenaWorkgroup ?? lookup?.workgroup;
    if (workgroup) {
      environment[ATHENA_WORKGROUP_VARIABLE] = workgroup;
    }

    const reconcile = props.reconcileInterval ?? Duration.minutes(15);
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
        ...(props.denyOtherRoles ?? true
          ? [new iam.PolicyStatement({ sid: 'AssumeNoOtherRole', effect: iam.Effect.DENY, actions: ['sts:AssumeRole'], notResources: [this.projectRoleArn] })]
          : []),
      ],
    });
    (policyHolder ?? this.functionRole).attachInlinePolicy(assume);

    const sid = `CdkDataMeshBinding${digest}`;
    const { resource: trust, restored } = this.trustFunctionRole(projectRole.name, sid, props.allowSelfAssumption ?? true, schedule);
    this.trustRestoredAlarm = restored;
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

  private trustFunctionRole(
    projectRoleName: string, sid: string, selfAssumption: boolean, schedule?: events.Rule,
  ): { resource: CustomResource; restored: cloudwatch.Alarm } {
    const stack = Stack.of(this);
    const provider = PythonProvider.of(this, {
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
    const properties: Record<string, string> = {
      RoleName: projectRoleName,
      PrincipalArn: this.functionRole.roleArn,
      Sid: sid,
      ...(selfAssumption ? { SelfAssumeSessionName: this.sessionName } : {}),
    };
    const reconcile = new targets.LambdaFunction(provider.onEventFunction, {
      event: events.RuleTargetInput.fromObject({ RequestType: 'Reconcile', ResourceProperties: properties }),
    });
    schedule?.addTarget(reconcile);
    // IAM's CloudTrail events reach EventBridge in us-east-1 only (with a trail logging management events there);
    // in another Region the rule matches only such events forwarded to its default bus, and the schedule bounds the gap.
    new events.Rule(this, 'TrustChanged', {
      description: 'cdk-data-mesh: re-applies the consumer binding when the project role\'s trust policy is rewritten',
      eventPattern: {
        source: ['aws.iam'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: { eventSource: ['iam.amazonaws.com'], eventName: ['UpdateAssumeRolePolicy'], requestParameters: { roleName: [projectRoleName] } },
      },
      targets: [reconcile],
    });
    const restored = new cloudwatch.Alarm(this, 'TrustRestored', {
      alarmDescription: `cdk-data-mesh: the consumer binding's statement (${sid}) was missing from the trust policy of the project role and was restored; `
        + 'the function could not assume the role meanwhile. Find the writer in CloudTrail (eventName UpdateAssumeRolePolicy).',
      metric: new cloudwatch.Metric({
        namespace: TRUST_RESTORED_METRIC.namespace,
        metricName: TRUST_RESTORED_METRIC.name,
        dimensionsMap: { Binding: sid },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(15),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const resource = new CustomResource(this, 'Trust', { serviceToken: provider.serviceToken, resourceType: TRUST_BINDING_TYPE, properties });
    return { resource, restored };
  }

  private bindImportedFunction(
    fn: lambda.IFunction, environment: Record<string, string>, schedule?: events.Rule,
  ): { binding: CustomResource; role: CustomResource } {
    const provider = PythonProvider.of(this, {
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
  projectNameProblem(problems, props.projectName);
  const governance = props.domain.governanceAccount;
  if (!Token.isUnresolved(governance) && !Token.isUnresolved(stack.account) && governance === stack.account) {
    problems.add('domain', governance, 'the consumer account is the governance account itself; the consumer is a separate account', 'Deploy the binding to the consumer account.');
  }
  const fn = props.function;
  const arn = fn.functionArn;
  // A function defined in the app has a token ARN: messages name it by its construct path instead.
  const shown = Token.isUnresolved(arn) ? fn.node?.path ?? 'the function' : arn;
  if (!Token.isUnresolved(arn)) {
    const qualified = /^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+):([A-Za-z0-9$_-]+)$/.exec(arn);
    if (qualified) {
      // UpdateFunctionConfiguration takes the function, not a version or alias (botocore lambda model: its
      // FunctionName is the function's name or ARN; versions are immutable), so the binding goes to $LATEST.
      problems.add('function', arn, `it is a qualified ARN (version or alias '${qualified[2]}'); the binding changes the function's configuration, which a version or alias cannot have`,
        `Import the unqualified ARN, '${qualified[1]}', and publish a new version after the deploy.`);
    } else if (!/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/.test(arn)) {
      problems.add('function', arn, 'expected a Lambda function ARN, arn:aws:lambda:<region>:<account>:function:<name>', 'Import the function with lambda.Function.fromFunctionArn() and its ARN.');
    }
  }
  const functionAccount = fn.env.account;
  if (!Token.isUnresolved(functionAccount) && !Token.isUnresolved(stack.account) && functionAccount !== stack.account) {
    problems.add('function', shown, `the function is in account ${functionAccount}, not in this consumer account ${stack.account}`, 'Bind the function from a stack in its own account.');
  }
  const functionRegion = fn.env.region;
  if (!Token.isUnresolved(functionRegion) && !Token.isUnresolved(stack.region) && functionRegion !== stack.region) {
    problems.add('function', shown, `the function is in Region ${functionRegion}, not in this stack's Region ${stack.region}: the binding's layer and handler are regional`, 'Bind the function from a stack in its own Region.');
  }
  // A function defined in the app: its environment so far, read from its CloudFormation resource before the binding adds to it.
  const cfnFunction = fn.node?.defaultChild instanceof lambda.CfnFunction ? fn.node.defaultChild : undefined;
  const ownWrapper = cfnFunction ? Stack.of(cfnFunction).resolve(cfnFunction.environment)?.variables?.AWS_LAMBDA_EXEC_WRAPPER : undefined;
  if (ownWrapper !== undefined) {
    problems.add('function', shown, `it sets its own AWS_LAMBDA_EXEC_WRAPPER ('${ownWrapper}'), which the binding would replace with its wrapper (a function has one exec wrapper)`,
      'Remove the function\'s own wrapper, or assume the project role in the function\'s code instead of binding it.');
  }
  if (props.glueDatabaseName !== undefined) {
    glueNameProblem(problems, 'glueDatabaseName', props.glueDatabaseName, 'database');
  }
  if (props.athenaWorkgroup !== undefined && !Token.isUnresolved(props.athenaWorkgroup) && !/^[a-zA-Z0-9._-]{1,128}$/.test(props.athenaWorkgroup)) {
    // The botocore athena model's WorkGroupName: [a-zA-Z0-9._-]{1,128}.
    problems.add('athenaWorkgroup', props.athenaWorkgroup, 'an Athena workgroup name has 1-128 letters, digits, ., _ and -', 'Use the workgroup\'s name as the Athena console shows it, or leave it out to use the project\'s.');
  }
  if (props.reconcileInterval !== undefined) {
    const seconds = props.reconcileInterval.toSeconds({ integral: false });
    if (!Number.isInteger(seconds / 60) || seconds < 0) {
      problems.add('reconcileInterval', `${seconds} seconds`, 'an EventBridge rate schedule counts whole minutes (0 turns the schedule off)', 'Pass e.g. Duration.minutes(15), or Duration.minutes(0).');
    }
  }
  const runtime = (fn as lambda.Function).runtime?.name;
  if (runtime !== undefined && !SUPPORTED_RUNTIMES.includes(runtime)) {
    problems.add('function', runtime, `the binding supports the runtimes ${SUPPORTED_RUNTIMES.join(', ')}, whose AWS SDKs (boto3, AWS SDK for JavaScript v3) read the wrapper's profile`, 'Move the function to a supported runtime, or assume the role in code.');
  }
  problems.throwIfAny();
}
