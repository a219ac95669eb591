import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import en from './en.json';
import lenderDe from './lender.de.json';
import lenderEn from './lender.en.json';
import analystDe from './analyst.de.json';
import analystEn from './analyst.en.json';

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('kp.lang') : null;

void i18n.use(initReactI18next).init({
  // The lender portal's and the analyst page's texts live in their own files, under their own keys.
  resources: {
    de: { translation: { ...de, lender: lenderDe, analyst: analystDe } },
    en: { translation: { ...en, lender: lenderEn, analyst: analystEn } },
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
