import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import en from './en.json';
import lenderDe from './lender.de.json';
import lenderEn from './lender.en.json';
import wizardDe from './wizard.de.json';
import wizardEn from './wizard.en.json';
import documentsDe from './documents.de.json';
import documentsEn from './documents.en.json';
import advisorDe from './advisor.de.json';
import advisorEn from './advisor.en.json';
import analystDe from './analyst.de.json';
import analystEn from './analyst.en.json';
import adminDe from './admin.de.json';
import adminEn from './admin.en.json';
import modelsDe from './models.de.json';
import modelsEn from './models.en.json';

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('kp.lang') : null;

void i18n.use(initReactI18next).init({
  // Each area's texts live in their own files (<area>.de.json, <area>.en.json), under the area's key; the admin
  // area's are merged into `admin` next to the service-level texts of the main files.
  resources: {
    de: { translation: { ...de, lender: lenderDe, wizard: wizardDe, documents: documentsDe, advisor: advisorDe, analyst: analystDe, admin: { ...de.admin, ...adminDe }, models: modelsDe } },
    en: { translation: { ...en, lender: lenderEn, wizard: wizardEn, documents: documentsEn, advisor: advisorEn, analyst: analystEn, admin: { ...en.admin, ...adminEn }, models: modelsEn } },
  },
  lng: saved === 'en' ? 'en' : 'de',
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
});

// The page's language follows the chosen one from the first render, so screen readers pick the right voice.
if (typeof document !== 'undefined') document.documentElement.lang = i18n.language;

export function setLanguage(lang: 'de' | 'en') {
  localStorage.setItem('kp.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export default i18n;
