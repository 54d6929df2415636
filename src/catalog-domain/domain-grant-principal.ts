/*
 * Copyright cdk-data-mesh contributors. SPDX-License-Identifier: Apache-2.0
 */
import * as datazone from 'aws-cdk-lib/aws-datazone';

/**
 * Who a domain policy grant is for: all users and groups, one Identity Center group, or one user.
 */
export class DomainGrantPrincipal {
  /** All users and groups of the domain (the console's "Allow all users and groups"; the seed's choice). */
  public static allUsers(): DomainGrantPrincipal {
    return new DomainGrantPrincipal({ user: { allUsersGrantFilter: {} } });
  }

  /** One group, by its DataZone group profile identifier. */
  public static group(groupIdentifier: string): DomainGrantPrincipal {
    return new DomainGrantPrincipal({ group: { groupIdentifier } });
  }

  /** One user, by its DataZone user profile identifier. */
  public static user(userIdentifier: string): DomainGrantPrincipal {
    return new DomainGrantPrincipal({ user: { userIdentifier } });
  }

  private constructor(private readonly principal: datazone.CfnPolicyGrant.PolicyGrantPrincipalProperty) {}

  /** @internal */
  public _render(): datazone.CfnPolicyGrant.PolicyGrantPrincipalProperty {
    return this.principal;
  }
}
