import { SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { ApiError, errorText } from '../../api/http.js';
import { ErrorAlert } from '../../components/Status.js';
import { usePrefs } from '../../prefs/PrefsContext.js';
import { findApplicants, registerApplicant, type ApplicantListed, type RegisterInput } from '../api.js';

const PERSON_ID = /^\d{17}[\dXx]$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** A resident ID number (18 digits, last may be X) or a USCC (18 characters). */
const guessKind = (code: string): 'person' | 'enterprise' => (PERSON_ID.test(code) ? 'person' : 'enterprise');

interface RegisterForm {
  kind: 'person' | 'enterprise';
  name: string;
  code: string;
  legalRepresentative?: string;
  phone: string;
}

/** (b) Identify the applicant: type the ID number / USCC and look it up, or register on the spot. */
export function ApplicantPicker({ onPick, inputId }: { onPick(a: ApplicantListed): void; inputId: string }) {
  const { t, lang } = usePrefs();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [looking, setLooking] = useState(false);
  const [lookupError, setLookupError] = useState<unknown>();
  const [notFound, setNotFound] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [registerError, setRegisterError] = useState<unknown>();
  const [form] = Form.useForm<RegisterForm>();
  const kind = Form.useWatch('kind', form) ?? 'person';

  const lookup = async () => {
    const c = code.trim().toUpperCase();
    if (!PERSON_ID.test(c) && !USCC.test(c)) {
      setCodeError(t('case.ap.codeInvalid'));
      return;
    }
    setCodeError(undefined);
    setLooking(true);
    setLookupError(undefined);
    setNotFound(null);
    try {
      const r = await findApplicants(c);
      if (r.items.length > 0) onPick(r.items[0]);
      else {
        setNotFound(c);
        form.setFieldsValue({ kind: guessKind(c), code: c, name: '', phone: '', legalRepresentative: '' });
      }
    } catch (e) {
      setLookupError(e);
    } finally {
      setLooking(false);
    }
  };

  const register = async (v: RegisterForm) => {
    setRegistering(true);
    setRegisterError(undefined);
    const input: RegisterInput =
      v.kind === 'person'
        ? { kind: 'person', name: v.name.trim(), idNumber: v.code.trim().toUpperCase(), phone: v.phone.trim() }
        : { kind: 'enterprise', name: v.name.trim(), uscc: v.code.trim().toUpperCase(), legalRepresentative: (v.legalRepresentative ?? '').trim(), phone: v.phone.trim() };
    try {
      const a = await registerApplicant(input);
      onPick(a);
    } catch (e) {
      // field errors go to their fields (idNumber/uscc → the code field)
      if (e instanceof ApiError && e.problem.errors?.length) {
        const fields = e.problem.errors.map((fe) => ({
          name: (fe.field === 'idNumber' || fe.field === 'uscc' ? 'code' : fe.field) as keyof RegisterForm,
          errors: [lang === 'zh' ? fe.zh : fe.en],
        }));
        form.setFields(fields);
      } else if (e instanceof ApiError && e.problem.field) {
        const f = e.problem.field === 'idNumber' || e.problem.field === 'uscc' ? 'code' : e.problem.field;
        form.setFields([{ name: f as keyof RegisterForm, errors: [errorText(e, lang)] }]);
      } else setRegisterError(e);
    } finally {
      setRegistering(false);
    }
  };

  return (
    <div>
      <form
        role="search"
        aria-label={t('case.ap.lookup')}
        className="ow-desk-search"
        onSubmit={(e) => {
          e.preventDefault();
          void lookup();
        }}
      >
        <label htmlFor={inputId} className="ow-case-inline-label">
          {t('case.ap.code')}
        </label>
        <Space.Compact className="ow-full">
          <Input
            id={inputId}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={18}
            autoComplete="off"
            size="large"
            className="ow-code-input"
            placeholder={t('case.ap.codePlaceholder')}
            status={codeError ? 'error' : undefined}
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? `${inputId}-err` : undefined}
          />
          <Button type="primary" htmlType="submit" size="large" icon={<SearchOutlined aria-hidden />} loading={looking}>
            {t('case.ap.find')}
          </Button>
        </Space.Compact>
        {codeError && (
          <p className="ow-case-err" id={`${inputId}-err`} role="alert">
            {codeError}
          </p>
        )}
      </form>
      {lookupError !== undefined && <ErrorAlert error={lookupError} />}
      {notFound && (
        <div className="ow-desk-register">
          <Alert type="info" showIcon title={t('case.ap.notFound', { code: notFound })} description={t('case.ap.registerHint')} />
          <Form<RegisterForm> form={form} name="desk-register" layout="vertical" onFinish={(v) => void register(v)} requiredMark className="ow-desk-register-form">
            <Form.Item name="kind" label={t('case.ap.kind')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'person', label: t('case.ap.person') },
                  { value: 'enterprise', label: t('case.ap.enterprise') },
                ]}
              />
            </Form.Item>
            <Form.Item name="name" label={kind === 'person' ? t('case.ap.personName') : t('case.ap.entName')} rules={[{ required: true, whitespace: true, message: t('case.ap.nameRequired') }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="code"
              label={kind === 'person' ? t('case.ap.idNumber') : t('case.ap.uscc')}
              rules={[
                { required: true, message: t('case.ap.codeRequired') },
                {
                  validator: (_r, v: string | undefined) =>
                    !v || (kind === 'person' ? PERSON_ID.test(v.trim()) : USCC.test(v.trim().toUpperCase())) ? Promise.resolve() : Promise.reject(new Error(kind === 'person' ? t('case.ap.idFormat') : t('case.ap.usccFormat'))),
                },
              ]}
            >
              <Input maxLength={18} autoComplete="off" className="ow-code-input" />
            </Form.Item>
            {kind === 'enterprise' && (
              <Form.Item name="legalRepresentative" label={t('case.ap.legalRep')} rules={[{ required: true, whitespace: true, message: t('case.ap.legalRepRequired') }]}>
                <Input autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item name="phone" label={t('case.ap.phone')} rules={[{ required: true, message: t('case.ap.phoneRequired') }]}>
              <Input type="tel" autoComplete="off" maxLength={20} />
            </Form.Item>
            {registerError !== undefined && <ErrorAlert error={registerError} />}
            <Button type="primary" htmlType="submit" icon={<UserAddOutlined aria-hidden />} loading={registering}>
              {t('case.ap.register')}
            </Button>
          </Form>
        </div>
      )}
    </div>
  );
}

/** The chosen applicant, with a way to change. */
export function ApplicantCard({ a, onChange }: { a: ApplicantListed; onChange(): void }) {
  const { t } = usePrefs();
  return (
    <div className="ow-desk-chosen" data-testid="desk-applicant">
      <div>
        <div className="ow-desk-chosen-name">{a.name}</div>
        <div className="ow-desk-chosen-meta">
          {a.kind === 'person' ? t('case.ap.person') : t('case.ap.enterprise')} · <span className="ow-code">{a.idNumber ?? a.uscc}</span> · {a.phone}
          {a.legalRepresentative ? ` · ${t('case.ap.legalRep')}：${a.legalRepresentative}` : ''}
        </div>
      </div>
      <Button onClick={onChange}>{t('case.desk.change')}</Button>
    </div>
  );
}
