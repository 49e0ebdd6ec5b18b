import { useMe } from '../../session/SessionContext';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { OrgHome } from '../org/OrgHome';

/** /admin: the platform organisation's home, for its members. */
export function AdminHomePage() {
  const me = useMe();
  const platform = me.memberships.find((m) => m.orgKind === 'platform');
  if (!platform) return <ForbiddenPage />;
  return <OrgHome kind="platform" orgId={platform.orgId} />;
}
