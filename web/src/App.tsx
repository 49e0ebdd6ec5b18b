import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { LoadError, Loading } from './components/Feedback';
import { Page } from './components/Page';
import { AppLayout } from './layout/AppLayout';
import { AutoLayout, GuestOnly, RequireAuth, RootRedirect } from './layout/guards';
import { PublicLayout } from './layout/PublicLayout';
import { AdminHomePage } from './pages/admin/AdminHomePage';
import { SignInPage } from './pages/auth/SignInPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { EmployerHomePage } from './pages/employer/EmployerHomePage';
import { NoHomePage } from './pages/errors/NoHomePage';
import { NotFoundPage } from './pages/errors/NotFoundPage';
import { LearnerHomePage } from './pages/learner/LearnerHomePage';
import { ProviderHomePage } from './pages/provider/ProviderHomePage';
import { CredentialPage } from './pages/public/CredentialPage';
import { SharePage } from './pages/public/SharePage';
import { VerifyPage } from './pages/public/VerifyPage';
import { WalletPage } from './pages/learner/WalletPage';
import { SkillsPage } from './pages/learner/SkillsPage';
import { PathwayPage } from './pages/learner/PathwayPage';
import { RolesPage } from './pages/employer/RolesPage';
import { RolePage } from './pages/public/RolePage';
import { ProgrammePage, ProgrammesPage } from './pages/public/ProgrammesPage';
import { LogPage } from './pages/public/LogPage';
import { ProgrammeProgressPage, TranscriptPage } from './pages/learner/ProgrammeProgressPage';
import { ProviderProgrammesPage } from './pages/provider/ProviderProgrammesPage';
import { ProviderAchievementsPage } from './pages/provider/ProviderAchievementsPage';
import { ProviderCredentialsPage } from './pages/provider/ProviderCredentialsPage';
import { CommitmentsPage } from './pages/org/CommitmentsPage';
import { RecognitionPage } from './pages/org/RecognitionPage';
import { QaHomePage } from './pages/qa/QaHomePage';
import { useSession } from './session/SessionContext';

export function App() {
  const { status } = useSession();
  // Routes decide on "signed in or not", so wait until that is known.
  if (status === 'loading') return <Loading />;
  if (status === 'error') return <SessionError />;

  return (
    <Routes>
      <Route path="/" element={<RootRedirect />} />
      <Route element={<PublicLayout />}>
        <Route path="/sign-in" element={<GuestOnly><SignInPage /></GuestOnly>} />
        <Route path="/sign-up" element={<GuestOnly><SignUpPage /></GuestOnly>} />
      </Route>
      <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
        <Route path="/learner" element={<LearnerHomePage />} />
        <Route path="/learner/wallet" element={<WalletPage />} />
        <Route path="/learner/skills" element={<SkillsPage />} />
        <Route path="/learner/pathway" element={<PathwayPage />} />
        <Route path="/learner/programmes" element={<ProgrammeProgressPage />} />
        <Route path="/learner/transcript" element={<TranscriptPage />} />
        <Route path="/provider/:orgId/programmes" element={<ProviderProgrammesPage />} />
        <Route path="/provider/:orgId/achievements" element={<ProviderAchievementsPage />} />
        <Route path="/provider/:orgId/credentials" element={<ProviderCredentialsPage />} />
        <Route path="/provider/:orgId/commitments" element={<CommitmentsPage kind="provider" />} />
        <Route path="/employer/:orgId/roles" element={<RolesPage />} />
        <Route path="/employer/:orgId/commitments" element={<CommitmentsPage kind="employer" />} />
        <Route path="/qa/:orgId/commitments" element={<CommitmentsPage kind="qa_body" />} />
        <Route path="/provider/:orgId/recognition" element={<RecognitionPage kind="provider" />} />
        <Route path="/qa/:orgId/recognition" element={<RecognitionPage kind="qa_body" />} />
        <Route path="/provider/:orgId" element={<ProviderHomePage />} />
        <Route path="/employer/:orgId" element={<EmployerHomePage />} />
        <Route path="/qa/:orgId" element={<QaHomePage />} />
        <Route path="/admin" element={<AdminHomePage />} />
        <Route path="/no-home" element={<NoHomePage />} />
      </Route>
      <Route element={<AutoLayout />}>
        <Route path="/c/:credentialId" element={<CredentialPage />} />
        <Route path="/s/:token" element={<SharePage />} />
        <Route path="/verify" element={<VerifyPage />} />
        <Route path="/roles/:roleId" element={<RolePage />} />
        <Route path="/programmes" element={<ProgrammesPage />} />
        <Route path="/log" element={<LogPage />} />
        <Route path="/programmes/:programmeId" element={<ProgrammePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** The very first /api/me failed for another reason than "not signed in" (server down…). */
function SessionError() {
  const { t } = useTranslation();
  const { error, reload } = useSession();
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route
          path="*"
          element={
            <Page title={t('loadFailed.heading')}>
              <LoadError error={error} onRetry={reload} />
            </Page>
          }
        />
      </Route>
    </Routes>
  );
}
