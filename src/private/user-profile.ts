/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import { CustomResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PythonProvider } from './python-provider';
import { ICatalogDomain } from '../catalog-domain/catalog-domain';
import { USER_PROFILE_TYPE } from '../contract';

/**
 * The stack's provider of `Custom::UserProfile` (the `user_profile` handler): an IAM role's DataZone user
 * profile, found or created, and activated; left in place on delete. One per stack, whatever the number of
 * profiles and domains; its role may read, create and activate user profiles of each domain it is used for.
 * Internal.
 */
export class UserProfileProvider extends Construct {
  /** The stack's provider, made on first use. */
  public static of(scope: Construct): UserProfileProvider {
    const stack = Stack.of(scope);
    const id = 'CdkDataMeshUserProfileProvider';
    return (stack.node.tryFindChild(id) as UserProfileProvider | undefined) ?? new UserProfileProvider(stack, id);
  }

  private readonly provider: PythonProvider;
  private readonly domains = new Set<string>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.provider = new PythonProvider(this, 'Provider', {
      handler: 'user_profile',
      description: 'finds or creates an IAM role\'s DataZone user profile and activates it (left in place on delete)',
      statements: [],
    });
  }

  /** The user profile of `roleArn` in `domain`; its attribute `Id` is the profile id. */
  public profile(scope: Construct, id: string, domain: ICatalogDomain, roleArn: string): CustomResource {
    this.allow(domain);
    return new CustomResource(scope, id, {
      serviceToken: this.provider.serviceToken,
      resourceType: USER_PROFILE_TYPE,
      properties: { DomainId: domain.domainId, UserIdentifier: roleArn, HandlerRoleArn: this.provider.handlerRole.roleArn },
    });
  }

  /** The handler may read, create and activate the domain's user profiles, and use its key (DataZone requires it of callers, F1). */
  private allow(domain: ICatalogDomain): void {
    const stack = Stack.of(this);
    const key = JSON.stringify(stack.resolve([domain.domainArn, domain.encryptionKey?.keyArn]));
    if (this.domains.has(key)) {
      return;
    }
    this.domains.add(key);
    const role = this.provider.handlerRole;
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['datazone:GetUserProfile', 'datazone:CreateUserProfile', 'datazone:UpdateUserProfile'],
      resources: [domain.domainArn],
    }));
    if (domain.encryptionKey) {
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [domain.encryptionKey.keyArn] }));
    }
  }
}
