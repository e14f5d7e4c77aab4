import { Form, Input } from 'antd';
import type { MessageKey } from '../../i18n/translate.js';
import { useT } from '../../prefs/PrefsContext.js';

const LONG: [string, MessageKey][] = [
  ['conditions', 'guide.conditions'],
  ['process', 'guide.process'],
  ['legalBasis', 'guide.legalBasis'],
];
const SHORT: [string, MessageKey][] = [
  ['location', 'guide.location'],
  ['hours', 'guide.hours'],
  ['consultPhone', 'guide.consultPhone'],
  ['supervisePhone', 'guide.supervisePhone'],
];

/** The guide prose: conditions, process, legal basis, where, when and whom to call. */
export function GuideFields() {
  const t = useT();
  return (
    <>
      {LONG.map(([key, label]) => (
        <Form.Item key={key} label={t(label)} name={['guide', key]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      ))}
      {SHORT.map(([key, label]) => (
        <Form.Item key={key} label={t(label)} name={['guide', key]}>
          <Input />
        </Form.Item>
      ))}
    </>
  );
}
