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
 * The stack's DataZone project member in a member account (one per stack and domain): a role with a name
 * fixed at synth, so that the governance account can register it as a DataZone user and make it a member
 * of the project before it exists (`MeshProjectMember`; `ThreeAccountMesh` does it), and the provider of the
 * `project_environment` handler, which acts as that role. Other providers (the data-source run) can act as
 * the same role, so one membership per project covers every DataZone call of the stack. Internal.
 */
export class ProjectMemberHandler extends Construct {
  /** The stack's member for `domain`, made on first use. */
  public static of(scope: Construct, domain: ICatalogDomain): ProjectMemberHandler {
    const stack = Stack.of(scope);
    const key = digest(`${stack.stackName}/${JSON.stringify(stack.resolve(domain.domainId))}`);
    const id = `CdkDataMeshProjectMember${key}`;
    return (stack.node.tryFindChild(id) as ProjectMemberHandler | undefined) ?? new ProjectMemberHandler(stack, id, domain, key);
  }

  /** The role every DataZone call of the stack's handlers is made as. */
  public readonly role: iam.Role;
  /** The role's name, known at synth (`cdk-data-mesh-dz-<region>-<digest>`). */
  public readonly roleName: string;
  private readonly provider: PythonProvider;
  private readonly lookups = new Map<string, { resource: CustomResource; require: Set<ProjectEnvironmentValue> }>();

  private constructor(scope: Construct, id: string, private readonly domain: ICatalogDomain, key: string) {
    super(scope, id);
    const stack = Stack.of(this);
    const region = Token.isUnresolved(stack.region) ? Aws.REGION : stack.region;
    this.roleName = `cdk-data-mesh-dz-${region}-${key}`;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      roleName: this.roleName,
      description: 'cdk-data-mesh: the stack\'s member of its DataZone projects (lookups, memberships, data-source runs)',
    });
    this.provider = new PythonProvider(this, 'Provider', {
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
  }

  /**
   * The lookup of `projectId`'s Tooling environment (one per project), whose attributes are `EnvironmentId`,
   * `ConnectionId` and `AthenaWorkgroup`; the deploy waits until the values in `require` are found.
   */
  public lookUp(projectId: string, require: ProjectEnvironmentValue[]): CustomResource {
    const id = `Environment${digest(JSON.stringify(Stack.of(this).resolve(projectId)))}`;
    let entry = this.lookups.get(id);
    if (!entry) {
      const wanted = new Set<ProjectEnvironmentValue>();
      const resource = new CustomResource(this, id, {
        serviceToken: this.provider.serviceToken,
        resourceType: PROJECT_ENVIRONMENT_LOOKUP_TYPE,
        properties: {
          DomainId: this.domain.domainId,
          ProjectId: projectId,
          EnvironmentName: 'Tooling',
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
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WaitForMemberships', actions: ['datazone:ListProjectMemberships'], resources: [this.domain.domainArn] }));
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
