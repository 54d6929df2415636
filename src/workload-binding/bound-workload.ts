/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * The kind of a bound workload, for messages and descriptions. An enum-like class: the library's
 * kinds are its static members.
 */
export class WorkloadKind {
  /** A Lambda function (any runtime, zip or container image). */
  public static readonly LAMBDA_FUNCTION = new WorkloadKind('Lambda function');
  /** An AWS Glue job (Spark, Python shell, Ray, streaming). */
  public static readonly GLUE_JOB = new WorkloadKind('Glue job');
  /** An Amazon ECS task (Fargate or EC2), through its task role. */
  public static readonly ECS_TASK = new WorkloadKind('ECS task');
  /** An Amazon EMR Serverless application's job runtime role. */
  public static readonly EMR_SERVERLESS = new WorkloadKind('EMR Serverless runtime role');
  /** Any other IAM role (a BI service, a notebook, an EC2 instance profile's role). */
  public static readonly IAM_ROLE = new WorkloadKind('IAM role');

  private constructor(
    /** What the kind is called in messages, e.g. `Glue job`. */
    public readonly label: string,
  ) {}
}

/**
 * An existing workload to bind to a consumer project, named by the IAM role it runs as. Its code, image
 * and configuration are not changed: DataZone grants the project's subscribed tables to that role.
 *
 * Build one with a static factory: `BoundWorkload.lambdaFunction(fn)`, `.glueJob(role)`,
 * `.ecsTask(taskDefinition)`, `.emrServerlessRuntimeRole(role)` or `.iamRole(role)`.
 */
export class BoundWorkload {
  /**
   * A Lambda function of any runtime (Python, Node.js, Java, .NET, Ruby, Go on `provided.al2023`,
   * a container image, a custom runtime), through its execution role. A function imported by ARN must
   * be imported with its role (`lambda.Function.fromFunctionAttributes({ functionArn, role })`).
   */
  public static lambdaFunction(fn: lambda.IFunction): BoundWorkload {
    return new BoundWorkload(WorkloadKind.LAMBDA_FUNCTION, fn.role, `function ${fn.node.path}`);
  }

  /** An AWS Glue job, through the role it runs as (the job's `Role`). */
  public static glueJob(role: iam.IRole): BoundWorkload {
    return new BoundWorkload(WorkloadKind.GLUE_JOB, role, `role ${role.node.path}`);
  }

  /** An Amazon ECS task, through its task role (not its execution role, which only pulls the image and writes logs). */
  public static ecsTask(taskDefinition: ecs.ITaskDefinition): BoundWorkload {
    return new BoundWorkload(WorkloadKind.ECS_TASK, taskDefinition.taskRole, `task definition ${taskDefinition.node.path}`);
  }

  /** An Amazon ECS task role, for a task definition defined elsewhere. */
  public static ecsTaskRole(role: iam.IRole): BoundWorkload {
    return new BoundWorkload(WorkloadKind.ECS_TASK, role, `role ${role.node.path}`);
  }

  /** An Amazon EMR Serverless application's job runtime role (the `executionRoleArn` of its job runs). */
  public static emrServerlessRuntimeRole(role: iam.IRole): BoundWorkload {
    return new BoundWorkload(WorkloadKind.EMR_SERVERLESS, role, `role ${role.node.path}`);
  }

  /** Any existing IAM role: a BI service's role, a notebook's, an instance profile's. */
  public static iamRole(role: iam.IRole): BoundWorkload {
    return new BoundWorkload(WorkloadKind.IAM_ROLE, role, `role ${role.node.path}`);
  }

  private constructor(
    /** What kind of workload it is. */
    public readonly kind: WorkloadKind,
    /** The role the workload runs as, which DataZone grants the subscribed tables to (undefined when unknown). */
    public readonly role: iam.IRole | undefined,
    /** Where the workload is declared, for messages. */
    public readonly source: string,
  ) {}
}
