"""Weak passwords as people choose them in the site's five languages are refused; passphrases pass.

The lists :mod:`mailcheck.csvcheck.dictionaries` adds to zxcvbn are what makes the
difference: without them ``Sommer2024!`` or ``Motdepasse2024!`` scored 3 or 4.
"""

from __future__ import annotations

import pytest

from mailcheck.csvcheck.password import check_password
from mailcheck.policy import policy

POLICY = policy()["passwords"]

WEAK = {
    "de": ["Sommer2024!", "Passwort2024!", "Herbst2023!", "Januar2024!", "Firma2024!", "Willkommen1!",
           "Mitarbeiter2024", "Frühling2024!", "Fruehling2025!", "Dezember2023!", "Hallo2024!", "Kennwort123!",
           "Geheim2024!", "Buero2024!", "Montag2024!", "Schmidt2024", "Lukas19901990", "qwertzuiop1!",
           "Passwort!2024", "Sommer!2024"],
    "fr": ["Motdepasse2024!", "Bonjour2024!", "Printemps2024!", "Janvier2024!", "Bienvenue1!", "Hiver2023!",
           "Fevrier2024!", "Décembre2024!", "Entreprise2024", "Societe2024!", "Azertyuiop1!", "azerty123456",
           "Soleil2024!", "Bureau2024!", "Vendredi2024!", "Dupont1985"],
    "it": ["Primavera2024!", "Benvenuto1!", "Ciao2024!", "Gennaio2024!", "Estate2023!", "Azienda2024!",
           "Ufficio2024!", "Parola2024!", "Dicembre2024!", "Buongiorno1!", "Password2024!", "Giuseppe1980"],
    "es": ["Primavera2024!", "Contraseña2024!", "Contrasena2024!", "Bienvenido1!", "Hola20242024", "Enero2024!",
           "Verano2023!", "Invierno2024!", "Empresa2024!", "Oficina2024!", "Diciembre2024!", "Garcia1990"],
    "en": ["Summer2024!", "Password2024!", "Welcome1!", "January2024!", "Company2024!", "qwertyuiop1!"],
}

STRONG = {
    "de": ["Kaffeetasse-Gartenzaun-Fahrrad-7", "Wolke+Bleistift+Zebra+42", "Treppenhaus Mondlicht Sparschwein 9"],
    "fr": ["Parapluie-Girafe-Tambour-31", "Citron+Velo+Montagne+88", "Lanterne Marteau Cerise 2024"],
    "it": ["Ombrello-Cavallo-Tamburo-64", "Limone+Bicicletta+Nuvola+5", "Lanterna Martello Ciliegia 17"],
    "es": ["Paraguas-Jirafa-Tambor-29", "Limon+Bicicleta+Nube+73", "Linterna Martillo Cereza 45"],
    "en": ["Umbrella-Giraffe-Drum-Kettle-3", "Lemon+Bicycle+Cloud+Harbor+8"],
}


@pytest.mark.parametrize(("lang", "password"), [(lang, p) for lang, words in WEAK.items() for p in words])
def test_weak_passwords_people_choose_are_refused(lang: str, password: str) -> None:
    codes = [f.code for f in check_password(password, "jane.doe", POLICY)]
    assert codes and set(codes) <= {"CSV_B_WEAK", "CSV_B_COMMON", "CSV_B_TOO_SHORT"}, (lang, password, codes)


@pytest.mark.parametrize(("lang", "password"), [(lang, p) for lang, words in STRONG.items() for p in words])
def test_passphrases_in_each_language_are_accepted(lang: str, password: str) -> None:
    assert check_password(password, "jane.doe", POLICY) == [], (lang, password)
