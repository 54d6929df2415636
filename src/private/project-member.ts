/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { createHash } from 'crypto';
import { Aws, CustomResource, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PythonProvider } from './python-provider';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import { PROJECT_ENVIRONMENT_LOOKUP_TYPE, PROJECT_MEMBERSHIP_TYPE } from '../contract';

/** What a lookup must find before the deploy goes on. */
export type ProjectEnvironmentValue = 'ConnectionId' | 'AthenaWorkgroup';

/** How long a lookup waits for the project's Tooling environment (CloudFormation's limit is one hour). */
const LOOKUP_TIMEOUT_SECONDS = 1800;

/**
 * The name of a member account's DataZone project-member role: one per account and Region, created by
 * `MeshMemberAccount` in the account's first stack, so that it exists before the governance account
 * registers it as an IAM_ROLE user profile (DataZone records the role's principal) and makes it a member.
 * The stacks whose handlers act as it import it by this name and add their own statements.
 */
export function projectMemberRoleName(scope: Construct): string {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? Aws.REGION : stack.region;
  return `cdk-data-mesh-project-member-${region}`;
}

/** Per stack: the project-member role created there, and the handlers that act as it. */
const registry = new WeakMap<Stack, { role?: iam.Role; handlers: Construct[] }>();

function entryOf(stack: Stack) {
  let entry = registry.get(stack);
  if (!entry) {
    entry = { handlers: [] };
    registry.set(stack, entry);
  }
  return entry;
}

/**
 * Create the account's project-member role in `scope` (`MeshMemberAccount` does): trusted by Lambda, with no
 * permission of its own. A handler of the same stack that acts as it is ordered after it.
 */
export function createProjectMemberRole(scope: Construct, id: string): iam.Role {
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    roleName: projectMemberRoleName(scope),
    description: 'cdk-data-mesh: this account\'s member of its DataZone projects (lookups, memberships, data-source runs); the stacks that act as it add their permissions',
  });
  const entry = entryOf(Stack.of(scope));
  entry.role = role;
  entry.handlers.forEach((handler) => handler.node.addDependency(role));
  return role;
}

/**
 * The stack's DataZone project member in a member account (one per stack and domain): the account's
 * project-member role (`projectMemberRoleName`, created by `MeshMemberAccount`), imported by name with this
 * stack's statements, and the provider of the `project_environment` handler, which acts as that role. Other
 * providers (the data-source run) can act as the same role, so one membership per project covers every
 * DataZone call of the stack. Internal.
 */
export class ProjectMemberHandler extends Construct {
  /** The stack's member for `domain`, made on first use. */
  public static of(scope: Construct, domain: ICatalogDomain): ProjectMemberHandler {
    const stack = Stack.of(scope);
    const key = digest(`${stack.stackName}/${JSON.stringify(stack.resolve(domain.domainId))}`);
    const id = `CdkDataMeshProjectMember${key}`;
    return (stack.node.tryFindChild(id) as ProjectMemberHandler | undefined) ?? new ProjectMemberHandler(stack, id, domain);
  }

  /** The role every DataZone call of the stack's handlers is made as (imported by its name). */
  public readonly role: iam.IRole;
  /** The role's name, known at synth (`cdk-data-mesh-project-member-<region>`). */
  public readonly roleName: string;
  private readonly provider: PythonProvider;
  private readonly lookups = new Map<string, { resource: CustomResource; require: Set<ProjectEnvironmentValue> }>();

  private constructor(scope: Construct, id: string, private readonly domain: ICatalogDomain) {
    super(scope, id);
    this.roleName = projectMemberRoleName(this);
    this.role = iam.Role.fromRoleName(this, 'Role', this.roleName);
    const entry = entryOf(Stack.of(this));
    entry.handlers.push(this);
    if (entry.role) {
      this.node.addDependency(entry.role);
    }
    this.provider = PythonProvider.of(this, {
      handler: 'project_environment',
      description: 'reads a project\'s Tooling environment, lakehouse connection and Athena workgroup, and adds the stack\'s deployer to the project',
      role: this.role,
      statements: [new iam.PolicyStatement({
        sid: 'ReadProjectEnvironmentsAndJoin',
        actions: [
          'datazone:ListEnvironments', 'datazone:GetEnvironment', 'datazone:ListConnections',
          'datazone:GetUserProfile', 'datazone:CreateUserProfile', 'datazone:UpdateUserProfile', 'datazone:CreateProjectMembership',
          'datazone:DeleteProjectMembership',
        ],
        resources: [domain.domainArn],
      }), ...(domain.encryptionKey ? [new iam.PolicyStatement({
        sid: 'UseDomainKey',
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [domain.encryptionKey.keyArn],
      })] : [])],
      waits: true,
    });
    // The provider is the stack's (one per role), outside this construct: order it after the role too.
    entry.handlers.push(this.provider);
    if (entry.role) {
      this.provider.node.addDependency(entry.role);
    }
  }

  /**
   * The lookup of `projectId`'s environment `environmentName` (one per project and environment), whose attributes are `EnvironmentId`,
   * `ConnectionId` and `AthenaWorkgroup`; the deploy waits until the values in `require` are found.
   */
  public lookUp(projectId: string, require: ProjectEnvironmentValue[], environmentName = 'Tooling'): CustomResource {
    // The Tooling lookup keeps its id (and logical id) from before other environments could be looked up.
    const key = environmentName === 'Tooling' ? projectId : [projectId, environmentName];
    const id = `Environment${digest(JSON.stringify(Stack.of(this).resolve(key)))}`;
    let entry = this.lookups.get(id);
    if (!entry) {
      const wanted = new Set<ProjectEnvironmentValue>();
      const resource = new CustomResource(this, id, {
        serviceToken: this.provider.serviceToken,
        resourceType: PROJECT_ENVIRONMENT_LOOKUP_TYPE,
        properties: {
          DomainId: this.domain.domainId,
          ProjectId: projectId,
          EnvironmentName: environmentName,
          Require: Lazy.string({ produce: () => [...wanted].sort().join(',') }),
          HandlerRoleArn: this.role.roleArn,
          TimeoutSeconds: String(LOOKUP_TIMEOUT_SECONDS),
        },
      });
      entry = { resource, require: wanted };
      this.lookups.set(id, entry);
    }
    require.forEach((value) => entry!.require.add(value));
    return entry.resource;
  }

  /**
   * Add `userArn` to `projectId` (the handler is a member, so it may), once per project and user; the deploy
   * waits (up to 10 minutes) until the project lists the membership.
   */
  public addMember(projectId: string, userArn: string, designation: 'PROJECT_OWNER' | 'PROJECT_CONTRIBUTOR'): CustomResource {
    const id = `Member${digest(JSON.stringify(Stack.of(this).resolve([projectId, userArn])))}`;
    const existing = this.node.tryFindChild(id) as CustomResource | undefined;
    if (existing) {
      return existing;
    }
    // The wait reads the project's members (ListProjectMemberships).
    this.provider.addStatements([new iam.PolicyStatement({ sid: 'WaitForMemberships', actions: ['datazone:ListProjectMemberships'], resources: [this.domain.domainArn] })]);
    return new CustomResource(this, id, {
      serviceToken: this.provider.serviceToken,
      resourceType: PROJECT_MEMBERSHIP_TYPE,
      properties: {
        DomainId: this.domain.domainId,
        ProjectId: projectId,
        UserArn: userArn,
        Designation: designation,
        HandlerRoleArn: this.role.roleArn,
        TimeoutSeconds: '600',
      },
    });
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 8);
}
