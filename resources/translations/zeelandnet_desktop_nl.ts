<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
  <context>
    <name>AboutDialog</name>
    <message>
      <source>About %1</source>
      <translation>Over %1</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Instellingen</translation>
    </message>
    <message>
      <source>News and data</source>
      <translation>Nieuws en gegevens</translation>
    </message>
    <message>
      <source>Cache</source>
      <translation>Cache</translation>
    </message>
    <message>
      <source>Web profile</source>
      <translation>Webprofiel</translation>
    </message>
    <message>
      <source>Log files</source>
      <translation>Logbestanden</translation>
    </message>
    <message>
      <source>News from Zeeland and the world, and your webmail, in one calm window.</source>
      <translation>Nieuws uit Zeeland en de wereld, en je webmail, in één rustig venster.</translation>
    </message>
    <message>
      <source>Folders this app uses:</source>
      <translation>Mappen die deze app gebruikt:</translation>
    </message>
  </context>
  <context>
    <name>ErrorDialog</name>
    <message>
      <source>Something went wrong in ZeelandNet Desktop.</source>
      <translation>Er ging iets mis in ZeelandNet Desktop.</translation>
    </message>
    <message>
      <source>The details are in the log file:
%1</source>
      <translation>De details staan in het logbestand:
%1</translation>
    </message>
  </context>
  <context>
    <name>GeneralPage</name>
    <message>
      <source>Same as the system</source>
      <translation>Zoals het systeem</translation>
    </message>
    <message>
      <source> min</source>
      <translation> min</translation>
    </message>
    <message>
      <source> days</source>
      <translation> dagen</translation>
    </message>
    <message>
      <source>Show pictures in news articles</source>
      <translation>Afbeeldingen tonen bij nieuwsberichten</translation>
    </message>
    <message>
      <source>Pictures are loaded from the news site, which can then see that you read it.</source>
      <translation>Afbeeldingen worden van de nieuwssite geladen; die kan dan zien dat je het bericht leest.</translation>
    </message>
    <message>
      <source>Language:</source>
      <translation>Taal:</translation>
    </message>
    <message>
      <source>Fetch news every:</source>
      <translation>Nieuws ophalen elke:</translation>
    </message>
    <message>
      <source>Keep news for:</source>
      <translation>Nieuws bewaren:</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Bestand</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>B&amp;eeld</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
      <source>Fetch the latest news now</source>
      <translation>Haal nu het laatste nieuws op</translation>
    </message>
    <message>
      <source>&amp;Settings…</source>
      <translation>&amp;Instellingen…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Afsluiten</translation>
    </message>
    <message>
      <source>&amp;News</source>
      <translation>&amp;Nieuws</translation>
    </message>
    <message>
      <source>&amp;Webmail</source>
      <translation>&amp;Webmail</translation>
    </message>
    <message>
      <source>&amp;Status bar</source>
      <translation>&amp;Statusbalk</translation>
    </message>
    <message>
      <source>&amp;Full screen</source>
      <translation>&amp;Volledig scherm</translation>
    </message>
    <message>
      <source>&amp;About ZeelandNet Desktop</source>
      <translation>&amp;Over ZeelandNet Desktop</translation>
    </message>
    <message>
      <source>News</source>
      <translation>Nieuws</translation>
    </message>
    <message>
      <source>Webmail</source>
      <translation>Webmail</translation>
    </message>
  </context>
  <context>
    <name>NewsTab</name>
    <message>
      <source>The news appears here.</source>
      <translation>Het nieuws verschijnt hier.</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>Instellingen</translation>
    </message>
    <message>
      <source>General</source>
      <translation>Algemeen</translation>
    </message>
  </context>
</TS>