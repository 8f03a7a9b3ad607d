// GET /repos/{owner}/{repo}/collaborators/{username}/permission: the legacy permission next to role_name (which
// may name a custom role), and 404 for someone who is no collaborator.
import { DOCS, LEGACY_PERMISSION, ROLE_RANK } from './model.ts';
import type { EmulatedRole, Reply } from './model.ts';
import { EmulatorViews } from './views.ts';

export class ReposRoutes extends EmulatorViews {
  protected getPermission(login: string): Reply {
    const entry = this.permissions.get(login.toLowerCase());
    if (!entry) return { status: 404, body: { message: `${login} is not a user`, documentation_url: DOCS } };
    const role: EmulatedRole = entry.role;
    const user = this.userFor(login);
    const rank = ROLE_RANK[role];
    return {
      status: 200,
      body: {
        permission: LEGACY_PERMISSION[role],
        role_name: entry.roleName,
        user: {
          ...this.userJson(user),
          permissions: {
            admin: rank >= ROLE_RANK.admin,
            maintain: rank >= ROLE_RANK.maintain,
            push: rank >= ROLE_RANK.write,
            triage: rank >= ROLE_RANK.triage,
            pull: rank >= ROLE_RANK.read,
          },
          role_name: entry.roleName,
        },
      },
    };
  }
}
