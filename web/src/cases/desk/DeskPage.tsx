import { Col, Row, Typography } from 'antd';
import { useRef, useState } from 'react';
import { CallingPanel } from '../../hall/CallingPanel.js';
import { linkTicketToCase } from '../../hall/api.js';
import { useAuth } from '../../auth/AuthContext.js';
import { PageTitle } from '../../components/PageTitle.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import '../cases.css';
import { DeskIntake } from './DeskIntake.js';
import { TodayList } from './TodayList.js';

/** /desk — 综合受理: any window accepts any item of any department. */
export function DeskPage() {
  const { t } = usePrefs();
  const { actor } = useAuth();
  const [refresh, setRefresh] = useState(0);
  const canIntake = !!actor?.roles.includes('clerk');
  // the ticket being served: every case taken in while it is at the window is linked to it
  const ticket = useRef<string | null>(null);
  return (
    <div className="ow-page ow-desk">
      <PageTitle title={t('case.desk.title')}>{t('case.desk.title')}</PageTitle>
      <Typography.Paragraph className="ow-desk-intro">{t('case.desk.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <DeskIntake
            canIntake={canIntake}
            onDone={(c) => {
              setRefresh((n) => n + 1);
              if (ticket.current) void linkTicketToCase(ticket.current, c.caseNo).catch(() => undefined);
            }}
          />
        </Col>
        <Col xs={24} xl={8}>
          <div className="ow-card ow-desk-side">
            <CallingPanel compact onTicketChange={(tk) => (ticket.current = tk?.id ?? null)} />
          </div>
          <div className="ow-card ow-desk-side">
            <TodayList refreshKey={refresh} />
          </div>
        </Col>
      </Row>
    </div>
  );
}
