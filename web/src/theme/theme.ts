import type { ThemeConfig } from 'antd';

/** Government blue, dark enough for white text and for links on white (WCAG AA ≥ 4.5:1). */
export const PRIMARY = '#0a4fb4';
/** Greys that pass WCAG AA on white and on antd's light-grey fills (the defaults do not). */
const SECONDARY_TEXT = 'rgba(0, 0, 0, 0.66)';

/** The antd theme: accessible contrast always; larger text and controls in 适老化 mode. */
export function buildTheme(largeText: boolean): ThemeConfig {
  const size = largeText
    ? { fontSize: 20, controlHeight: 48, controlHeightSM: 36, controlHeightLG: 56, lineHeight: 1.6 }
    : { fontSize: 15, controlHeight: 36 };
  return {
    token: {
      colorPrimary: PRIMARY,
      colorLink: PRIMARY,
      colorInfo: PRIMARY,
      colorSuccess: '#237804',
      colorWarning: '#ad4e00',
      colorError: '#c41d1d',
      colorTextSecondary: SECONDARY_TEXT,
      colorTextTertiary: SECONDARY_TEXT,
      colorTextQuaternary: SECONDARY_TEXT,
      colorTextPlaceholder: SECONDARY_TEXT,
      colorTextDisabled: 'rgba(0, 0, 0, 0.6)',
      colorTextDescription: SECONDARY_TEXT,
      colorTextLabel: 'rgba(0, 0, 0, 0.78)',
      colorBgLayout: '#f3f5f8',
      borderRadius: 6,
      fontFamily:
        "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Source Han Sans SC', -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
      ...size,
    },
    components: {
      Layout: { headerBg: '#0b2e5e', headerColor: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px' },
      Menu: { itemSelectedColor: PRIMARY, itemSelectedBg: '#e6efff' },
      Table: { headerColor: 'rgba(0, 0, 0, 0.88)' },
    },
  };
}
