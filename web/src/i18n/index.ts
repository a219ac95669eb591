import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import en from './en.json';
import lenderDe from './lender.de.json';
import lenderEn from './lender.en.json';
import adminDe from './admin.de.json';
import adminEn from './admin.en.json';

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('kp.lang') : null;

void i18n.use(initReactI18next).init({
  // The lender portal's texts live in their own files, under the `lender` key; the admin area's in theirs,
  // merged into `admin` next to the service-level texts.
  resources: {
    de: { translation: { ...de, lender: lenderDe, admin: { ...de.admin, ...adminDe } } },
    en: { translation: { ...en, lender: lenderEn, admin: { ...en.admin, ...adminEn } } },
  },
  lng: saved === 'en' ? 'en' : 'de',
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
});

export function setLanguage(lang: 'de' | 'en') {
  localStorage.setItem('kp.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export default i18n;
