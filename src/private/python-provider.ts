/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { acknowledgeProviderFramework, HANDLER_RUNTIME } from './custom-resource';

/**
 * The code of every handler of the library: one asset, `handlers/` (each handler is the package
 * `<name>` with an `index` module; `common` holds what they share).
 */
export function handlersCode(): lambda.Code {
  return lambda.Code.fromAsset(path.join(__dirname, '..', 'handlers'), { exclude: ['__pycache__', '*.pyc'] });
}

/** Properties of a `PythonProvider`. */
export interface PythonProviderProps {
  /** The handler's folder under `handlers/`, e.g. `project_role`. */
  readonly handler: string;
  /** What the handler does, for the functions' descriptions. */
  readonly description: string;
  /** The handler's permissions. */
  readonly statements: iam.PolicyStatement[];
  /** AwsSolutions findings on the handler's role to acknowledge (e.g. a wildcard the API needs), each with its reason. */
  readonly acknowledgements?: Array<{ readonly id: string; readonly reason: string }>;
  /** Whether the handler has an `is_complete` entry point (then the provider polls it). */
  readonly waits?: boolean;
  /** How long the provider polls `is_complete`. */
  readonly totalTimeout?: Duration;
  /** How often the provider polls `is_complete`. */
  readonly queryInterval?: Duration;
}

/**
 * A custom-resource provider (aws-cdk-lib `Provider` framework) for one of the library's Python
 * handlers in `handlers/<name>/index.py` (`on_event`, and `is_complete` when it waits). Internal.
 */
export class PythonProvider extends Construct {
  /** The provider's service token. */
  public readonly serviceToken: string;
  /** The handler's `on_event` function (also a target for scheduled reconciliation). */
  public readonly onEventFunction: lambda.IFunction;
  /** The role the handler runs as. */
  public readonly handlerRole: iam.IRole;

  constructor(scope: Construct, id: string, props: PythonProviderProps) {
    super(scope, id);
    const code = handlersCode();
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    const role = new iam.Role(this, 'HandlerRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: `cdk-data-mesh: ${props.description}` });
    props.statements.forEach((statement) => role.addToPolicy(statement));
    this.handlerRole = role;
    logGroup.grantWrite(role);
    for (const { id: finding, reason } of props.acknowledgements ?? []) {
      acknowledge(role, finding, reason);
    }
    const fn = (name: string, entry: string) => new lambda.Function(this, name, {
      runtime: HANDLER_RUNTIME,
      handler: entry,
      code,
      role,
      logGroup,
      timeout: Duration.minutes(5),
      description: `cdk-data-mesh: ${props.description}`,
    });
    this.onEventFunction = fn('OnEvent', `${props.handler}.index.on_event`);
    const isComplete = props.waits ? fn('IsComplete', `${props.handler}.index.is_complete`) : undefined;
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.onEventFunction,
      isCompleteHandler: isComplete,
      ...(isComplete ? {
        queryInterval: props.queryInterval ?? Duration.seconds(30),
        totalTimeout: props.totalTimeout ?? Duration.minutes(35),
        disableWaiterStateMachineLogging: false,
        waiterStateMachineLogOptions: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      } : {}),
    });
    acknowledgeProviderFramework(provider, isComplete ? [this.onEventFunction, isComplete] : [this.onEventFunction]);
    this.serviceToken = provider.serviceToken;
  }
}
