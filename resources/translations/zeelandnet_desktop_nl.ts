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
      <translation>Tijdelijke bestanden</translation>
    </message>
    <message>
      <source>Web profile</source>
      <translation>Webmailgegevens</translation>
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
    <name>ArticleListModel</name>
    <message>
      <source>Unread: %1</source>
      <translation>Ongelezen: %1</translation>
    </message>
  </context>
  <context>
    <name>ArticleListPane</name>
    <message>
      <source>Articles</source>
      <translation>Berichten</translation>
    </message>
  </context>
  <context>
    <name>ArticleReader</name>
    <message>
      <source>Link copied</source>
      <translation>Link gekopieerd</translation>
    </message>
    <message>
      <source>No web browser could be opened. Copy the link with the right mouse button and open it yourself.</source>
      <translation>Er kon geen webbrowser worden geopend. Kopieer de link met de rechtermuisknop en open hem zelf.</translation>
    </message>
  </context>
  <context>
    <name>ArticleView</name>
    <message>
      <source>Article</source>
      <translation>Bericht</translation>
    </message>
    <message>
      <source>Choose an article to read it here.</source>
      <translation>Kies een bericht om het hier te lezen.</translation>
    </message>
    <message>
      <source>Read more on %1</source>
      <translation>Lees verder op %1</translation>
    </message>
    <message>
      <source>Picture: %1</source>
      <translation>Foto: %1</translation>
    </message>
  </context>
  <context>
    <name>BrowserToolbar</name>
    <message>
      <source>Back</source>
      <translation>Terug</translation>
    </message>
    <message>
      <source>Forward</source>
      <translation>Vooruit</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>Vernieuwen</translation>
    </message>
    <message>
      <source>Home</source>
      <translation>Startpagina</translation>
    </message>
    <message>
      <source>Open in browser</source>
      <translation>Openen in je browser</translation>
    </message>
    <message>
      <source>Smaller text</source>
      <translation>Kleinere tekst</translation>
    </message>
    <message>
      <source>Smaller text (Ctrl+minus)</source>
      <translation>Kleinere tekst (Ctrl+min)</translation>
    </message>
    <message>
      <source>Normal text size (Ctrl+0)</source>
      <translation>Normale tekstgrootte (Ctrl+0)</translation>
    </message>
    <message>
      <source>Larger text</source>
      <translation>Grotere tekst</translation>
    </message>
    <message>
      <source>Larger text (Ctrl+plus)</source>
      <translation>Grotere tekst (Ctrl+plus)</translation>
    </message>
    <message>
      <source>More buttons</source>
      <translation>Meer knoppen</translation>
    </message>
  </context>
  <context>
    <name>CategoryList</name>
    <message>
      <source>Categories</source>
      <translation>Categorieën</translation>
    </message>
    <message>
      <source>Front page</source>
      <translation>Voorpagina</translation>
    </message>
    <message>
      <source>%1, %2 unread</source>
      <translation>%1, %2 ongelezen</translation>
    </message>
  </context>
  <context>
    <name>ChooseWebmailDialog</name>
    <message>
      <source>Choose your webmail</source>
      <translation>Kies je webmail</translation>
    </message>
    <message>
      <source>Because ZeelandNet also offers DELTA webmail, we ask you once for your preference.</source>
      <translation>Omdat ZeelandNet ook DELTA webmail aanbiedt, vragen we je eenmalig je voorkeur op te geven.</translation>
    </message>
    <message>
      <source>Other webmail</source>
      <translation>Andere webmail</translation>
    </message>
    <message>
      <source>Any webmail with an https address.</source>
      <translation>Elke andere webmail met een adres dat met https:// begint.</translation>
    </message>
    <message>
      <source>Address of the other webmail</source>
      <translation>Adres van de andere webmail</translation>
    </message>
    <message>
      <source>Open webmail</source>
      <translation>Webmail openen</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuleren</translation>
    </message>
    <message>
      <source>Enter a web address that starts with https://, for example https://webmail.example.nl</source>
      <translation>Vul een webadres in dat met https:// begint, bijvoorbeeld https://webmail.example.nl</translation>
    </message>
  </context>
  <context>
    <name>CredentialsPage</name>
    <message>
      <source>Sign-in</source>
      <translation>Inloggen</translation>
    </message>
    <message>
      <source>Sign in to webmail automatically</source>
      <translation>Automatisch inloggen bij de webmail</translation>
    </message>
    <message>
      <source>Uses the password saved in the keyring of this computer. Turned on when you save a password.</source>
      <translation>Gebruikt het wachtwoord dat in de sleutelbos van deze computer is bewaard. Gaat aan zodra je een wachtwoord bewaart.</translation>
    </message>
    <message>
      <source>Forget data</source>
      <translation>Gegevens vergeten</translation>
    </message>
    <message>
      <source>Webmail whose data to forget</source>
      <translation>Webmail waarvan de gegevens vergeten worden</translation>
    </message>
    <message>
      <source>Also sign out on this computer (remove the webmail's cookies)</source>
      <translation>Ook uitloggen op deze computer (de cookies van de webmail verwijderen)</translation>
    </message>
    <message>
      <source>Removes the saved password from the keyring and the e-mail address from the settings.</source>
      <translation>Verwijdert het bewaarde wachtwoord uit de sleutelbos en het e-mailadres uit de instellingen.</translation>
    </message>
    <message>
      <source>Webmail:</source>
      <translation>Webmail:</translation>
    </message>
    <message>
      <source>Forgetting…</source>
      <translation>Bezig met vergeten…</translation>
    </message>
    <message>
      <source>Forgotten.</source>
      <translation>Vergeten.</translation>
    </message>
  </context>
  <context>
    <name>DownloadsBar</name>
    <message>
      <source>Cannot write to %1: %2</source>
      <translation>Kan niet opslaan in %1: %2</translation>
    </message>
    <message>
      <source>Hide</source>
      <translation>Verbergen</translation>
    </message>
    <message>
      <source>Download of %1 failed: %2</source>
      <translation>Downloaden van %1 mislukt: %2</translation>
    </message>
    <message>
      <source>Downloading %1…</source>
      <translation>%1 wordt gedownload…</translation>
    </message>
    <message>
      <source>Open folder</source>
      <translation>Map openen</translation>
    </message>
    <message>
      <source>Downloaded %1</source>
      <translation>%1 gedownload</translation>
    </message>
    <message>
      <source>Download of %1 cancelled</source>
      <translation>Downloaden van %1 geannuleerd</translation>
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
    <name>FeedProblem</name>
    <message>
      <source>No internet connection</source>
      <translation>Geen internetverbinding</translation>
    </message>
    <message>
      <source>The news source took too long to answer</source>
      <translation>De nieuwsbron reageerde te traag</translation>
    </message>
    <message>
      <source>The connection to the news source broke off</source>
      <translation>De verbinding met de nieuwsbron werd verbroken</translation>
    </message>
    <message>
      <source>The news source's website gave an error</source>
      <translation>De website van de nieuwsbron gaf een fout</translation>
    </message>
    <message>
      <source>The news source is not (or no longer) at this address</source>
      <translation>De nieuwsbron staat niet (meer) op dit adres</translation>
    </message>
    <message>
      <source>The news source's website refused access</source>
      <translation>De website van de nieuwsbron weigert de toegang</translation>
    </message>
    <message>
      <source>There is no news source at this address</source>
      <translation>Op dit adres staat geen nieuwsbron</translation>
    </message>
    <message>
      <source>The news source sent far too much data</source>
      <translation>De nieuwsbron stuurde veel te veel gegevens</translation>
    </message>
    <message>
      <source>The news source's website keeps sending us on to another address</source>
      <translation>De website van de nieuwsbron stuurt ons steeds door naar een ander adres</translation>
    </message>
    <message>
      <source>The news source asks us to wait a while</source>
      <translation>De nieuwsbron vraagt ons even te wachten</translation>
    </message>
    <message>
      <source>A secure connection to the news source failed</source>
      <translation>Een beveiligde verbinding met de nieuwsbron lukte niet</translation>
    </message>
    <message>
      <source>The address of this news source is not a valid web address</source>
      <translation>Het adres van deze nieuwsbron is geen geldig webadres</translation>
    </message>
    <message>
      <source>The disk is full, so new news cannot be saved (the news saved before is kept)</source>
      <translation>De schijf is vol, dus nieuwe berichten kunnen niet worden bewaard (de eerder bewaarde berichten blijven staan)</translation>
    </message>
    <message>
      <source>Something went wrong in the program (the log file has the details)</source>
      <translation>Er ging iets mis in het programma (details staan in het logbestand)</translation>
    </message>
    <message>
      <source>error code %1</source>
      <translation>foutcode %1</translation>
    </message>
  </context>
  <context>
    <name>FindBar</name>
    <message>
      <source>Find on this page</source>
      <translation>Zoeken op deze pagina</translation>
    </message>
    <message>
      <source>Previous</source>
      <translation>Vorige</translation>
    </message>
    <message>
      <source>Previous match</source>
      <translation>Vorige treffer</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>Volgende</translation>
    </message>
    <message>
      <source>Next match</source>
      <translation>Volgende treffer</translation>
    </message>
    <message>
      <source>Close (Esc)</source>
      <translation>Sluiten (Esc)</translation>
    </message>
    <message>
      <source>Close the search</source>
      <translation>Zoeken sluiten</translation>
    </message>
    <message>
      <source>Not found</source>
      <translation>Niet gevonden</translation>
    </message>
    <message>
      <source>%1 of %2</source>
      <translation>%1 van %2</translation>
    </message>
  </context>
  <context>
    <name>FrontPageStage</name>
    <message>
      <source>&amp;Front page</source>
      <translation>&amp;Voorpagina</translation>
    </message>
  </context>
  <context>
    <name>FrontPageView</name>
    <message>
      <source>More from %1 →</source>
      <translation>Meer uit %1 →</translation>
    </message>
    <message>
      <source>Unread: %1</source>
      <translation>Ongelezen: %1</translation>
    </message>
    <message>
      <source>Front page</source>
      <translation>Voorpagina</translation>
    </message>
    <message>
      <source>Just in</source>
      <translation>Net binnen</translation>
    </message>
  </context>
  <context>
    <name>GeneralPage</name>
    <message>
      <source>Same as the system</source>
      <translation>Systeemtaal</translation>
    </message>
    <message>
      <source>System</source>
      <translation>Systeem</translation>
    </message>
    <message>
      <source>Light</source>
      <translation>Licht</translation>
    </message>
    <message>
      <source>Dark</source>
      <translation>Donker</translation>
    </message>
    <message>
      <source> min</source>
      <translation> minuten</translation>
    </message>
    <message>
      <source> days</source>
      <translation> dagen</translation>
    </message>
    <message>
      <source>Show pictures in news articles</source>
      <translation>Foto’s tonen bij het nieuws</translation>
    </message>
    <message>
      <source>Pictures are loaded from the news site, which can then see that you read it.</source>
      <translation>De foto’s worden bij de website van de nieuwsbron opgehaald (zonder cookies). Die website ziet dan wel dat er vanaf jouw internetaansluiting nieuws wordt gelezen.</translation>
    </message>
    <message>
      <source>Language:</source>
      <translation>Taal:</translation>
    </message>
    <message>
      <source>Colours:</source>
      <translation>Kleuren:</translation>
    </message>
    <message>
      <source>Fetch news every:</source>
      <translation>Nieuws ophalen: elke</translation>
    </message>
    <message>
      <source>Keep news for:</source>
      <translation>Nieuws bewaren:</translation>
    </message>
  </context>
  <context>
    <name>KeysDialog</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>Sneltoetsen</translation>
    </message>
    <message>
      <source>Key</source>
      <translation>Toets</translation>
    </message>
    <message>
      <source>What it does</source>
      <translation>Wat het doet</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Remember in Keychain Access</source>
      <translation>Onthouden in Sleutelhangertoegang</translation>
    </message>
    <message>
      <source>Remember in Credential Manager</source>
      <translation>Onthouden in Referentiebeheer</translation>
    </message>
    <message>
      <source>Remember in the keyring</source>
      <translation>Onthouden in de sleutelbos</translation>
    </message>
    <message>
      <source>No keyring is available on this computer, so your password cannot be remembered. You can still sign in.</source>
      <translation>Er is geen sleutelbos beschikbaar op deze computer, dus je wachtwoord kan niet worden onthouden. Je kunt wel inloggen.</translation>
    </message>
    <message>
      <source>The keyring is locked, so your password cannot be read or remembered now. You can still sign in.</source>
      <translation>De sleutelbos is vergrendeld, dus je wachtwoord kan nu niet worden gelezen of onthouden. Je kunt wel inloggen.</translation>
    </message>
    <message>
      <source>The keyring refused access, so your password cannot be remembered. You can still sign in.</source>
      <translation>De sleutelbos weigert de toegang, dus je wachtwoord kan niet worden onthouden. Je kunt wel inloggen.</translation>
    </message>
    <message>
      <source>The keyring did not answer. If it asks you to unlock it, do so and try again. You can still sign in by typing your password.</source>
      <translation>De sleutelbos gaf geen antwoord. Vraagt hij om ontgrendeld te worden, doe dat dan en probeer het opnieuw. Je kunt ook gewoon inloggen door je wachtwoord te typen.</translation>
    </message>
    <message>
      <source>The keyring service cannot be reached, so your password cannot be remembered. You can still sign in.</source>
      <translation>De sleutelbos is niet bereikbaar, dus je wachtwoord kan niet worden onthouden. Je kunt wel inloggen.</translation>
    </message>
    <message>
      <source>The keyring reported an error, so your password cannot be remembered. You can still sign in.</source>
      <translation>De sleutelbos meldt een fout, dus je wachtwoord kan niet worden onthouden. Je kunt wel inloggen.</translation>
    </message>
    <message>
      <source>Sign in to %1</source>
      <translation>Inloggen bij %1</translation>
    </message>
    <message>
      <source>name@zeelandnet.nl</source>
      <translation>naam@zeelandnet.nl</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>Inloggen</translation>
    </message>
    <message>
      <source>E-mail address:</source>
      <translation>E-mailadres:</translation>
    </message>
    <message>
      <source>Password:</source>
      <translation>Wachtwoord:</translation>
    </message>
  </context>
  <context>
    <name>MailWatch</name>
    <message>
      <source>New e-mail is not being checked: the mail server did not accept your password. Sign in to the webmail once with the right password and save it.</source>
      <translation>Nieuwe e-mail wordt niet gecontroleerd: de mailserver accepteerde je wachtwoord niet. Log één keer in bij de webmail met het juiste wachtwoord en laat het onthouden.</translation>
    </message>
    <message>
      <source>New e-mail cannot be checked: the mail server %1 cannot be reached. Is the computer connected to the internet? It is tried again by itself.</source>
      <translation>Nieuwe e-mail kan niet worden gecontroleerd: de mailserver %1 is niet bereikbaar. Is de computer verbonden met internet? Het wordt vanzelf opnieuw geprobeerd.</translation>
    </message>
    <message>
      <source>New e-mail is not being checked: the mail server %1 could not prove that it is the real one, so your password was not sent to it.</source>
      <translation>Nieuwe e-mail wordt niet gecontroleerd: de mailserver %1 kon niet aantonen dat hij de echte is, dus je wachtwoord is er niet naartoe gestuurd.</translation>
    </message>
    <message>
      <source>New e-mail is not being checked: no secure connection to the mail server %1 could be made, so your password was not sent to it.</source>
      <translation>Nieuwe e-mail wordt niet gecontroleerd: er kon geen beveiligde verbinding met de mailserver %1 worden gemaakt, dus je wachtwoord is er niet naartoe gestuurd.</translation>
    </message>
    <message>
      <source>New e-mail cannot be checked right now: the mail server %1 refused. It is tried again later.</source>
      <translation>Nieuwe e-mail kan nu niet worden gecontroleerd: de mailserver %1 weigerde. Het wordt later opnieuw geprobeerd.</translation>
    </message>
    <message>
      <source>The connection to the mail server %1 was lost. It is tried again by itself.</source>
      <translation>De verbinding met de mailserver %1 is verbroken. Het wordt vanzelf opnieuw geprobeerd.</translation>
    </message>
    <message>
      <source>New e-mail is checked once your password is saved: sign in to the webmail and choose to remember the password.</source>
      <translation>Nieuwe e-mail wordt gecontroleerd zodra je wachtwoord is onthouden: log in bij de webmail en kies ervoor het wachtwoord te onthouden.</translation>
    </message>
    <message>
      <source>Enter the mail server of your webmail to check for new e-mail.</source>
      <translation>Vul de mailserver van je webmail in om nieuwe e-mail te controleren.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>News and webmail</source>
      <translation>Nieuws en webmail</translation>
    </message>
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
      <source>Web&amp;mail</source>
      <translation>Web&amp;mail</translation>
    </message>
    <message>
      <source>&amp;Sign in…</source>
      <translation>&amp;Inloggen…</translation>
    </message>
    <message>
      <source>&amp;Find on this page…</source>
      <translation>&amp;Zoeken op deze pagina…</translation>
    </message>
    <message>
      <source>&amp;Print…</source>
      <translation>&amp;Afdrukken…</translation>
    </message>
    <message>
      <source>Save as P&amp;DF…</source>
      <translation>Opslaan als P&amp;DF…</translation>
    </message>
    <message>
      <source>Sign &amp;out</source>
      <translation>&amp;Uitloggen</translation>
    </message>
    <message>
      <source>Choose another &amp;webmail…</source>
      <translation>Andere &amp;webmail kiezen…</translation>
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
    <name>MoreFromLoader</name>
    <message>
      <source>More from %1</source>
      <translation>Meer uit %1</translation>
    </message>
  </context>
  <context>
    <name>NarrowLayout</name>
    <message>
      <source>Back to the list</source>
      <translation>Terug naar de lijst</translation>
    </message>
    <message>
      <source>Back to the list (Esc)</source>
      <translation>Terug naar de lijst (Esc)</translation>
    </message>
  </context>
  <context>
    <name>NewsActions</name>
    <message>
      <source>Mark as unread</source>
      <translation>Markeren als ongelezen</translation>
    </message>
    <message>
      <source>Mark as read</source>
      <translation>Markeren als gelezen</translation>
    </message>
    <message>
      <source>Mark all in “%1” as read</source>
      <translation>Alles in ‘%1’ als gelezen markeren</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Vernieuwen</translation>
    </message>
    <message>
      <source>&amp;Next article</source>
      <translation>&amp;Volgend bericht</translation>
    </message>
    <message>
      <source>&amp;Previous article</source>
      <translation>Vo&amp;rig bericht</translation>
    </message>
    <message>
      <source>Read on (or next article)</source>
      <translation>Verder &amp;lezen (of volgend bericht)</translation>
    </message>
    <message>
      <source>&amp;Open on the website</source>
      <translation>&amp;Openen op de website</translation>
    </message>
    <message>
      <source>&amp;Copy link</source>
      <translation>Link &amp;kopiëren</translation>
    </message>
    <message>
      <source>&amp;Mark as read or unread</source>
      <translation>Markeren als &amp;gelezen of ongelezen</translation>
    </message>
    <message>
      <source>Mark this &amp;category as read</source>
      <translation>Deze &amp;categorie als gelezen markeren</translation>
    </message>
    <message>
      <source>Mark &amp;everything as read</source>
      <translation>&amp;Alles als gelezen markeren</translation>
    </message>
    <message>
      <source>&amp;Unread only</source>
      <translation>Alleen o&amp;ngelezen</translation>
    </message>
    <message>
      <source>&amp;Search…</source>
      <translation>&amp;Zoeken…</translation>
    </message>
    <message>
      <source>Stop searching</source>
      <translation>Zoeken stoppen</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>&amp;Sneltoetsen</translation>
    </message>
  </context>
  <context>
    <name>NewsBanner</name>
    <message>
      <source>Try again</source>
      <translation>Opnieuw proberen</translation>
    </message>
  </context>
  <context>
    <name>NewsFeature</name>
    <message>
      <source>Arrow keys</source>
      <translation>Pijltjestoetsen</translation>
    </message>
    <message>
      <source>Move through the list</source>
      <translation>Door de lijst gaan</translation>
    </message>
    <message>
      <source>&amp;News</source>
      <translation>&amp;Nieuws</translation>
    </message>
  </context>
  <context>
    <name>NewsHeader</name>
    <message>
      <source>Fetching the news…</source>
      <translation>Nieuws ophalen…</translation>
    </message>
    <message>
      <source>Fetching the news… %1 of %2</source>
      <translation>Nieuws ophalen… %1 van %2</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Vernieuwen</translation>
    </message>
    <message>
      <source>Fetch the latest news now (F5)</source>
      <translation>Haal nu het laatste nieuws op (F5)</translation>
    </message>
    <message>
      <source>Refresh the news</source>
      <translation>Nieuws vernieuwen</translation>
    </message>
    <message>
      <source>Unread only</source>
      <translation>Alleen ongelezen</translation>
    </message>
    <message>
      <source>Show unread articles only</source>
      <translation>Alleen ongelezen berichten tonen</translation>
    </message>
    <message>
      <source>Search all news (Ctrl+F)</source>
      <translation>Zoeken in al het nieuws (Ctrl+F)</translation>
    </message>
    <message>
      <source>Search the news</source>
      <translation>Zoeken in het nieuws</translation>
    </message>
    <message>
      <source>Clear the search</source>
      <translation>Zoekveld leegmaken</translation>
    </message>
  </context>
  <context>
    <name>NewsSettingsPage</name>
    <message>
      <source>News</source>
      <translation>Nieuws</translation>
    </message>
    <message>
      <source>Categories to show</source>
      <translation>Categorieën die je ziet</translation>
    </message>
    <message>
      <source>Your own news sources</source>
      <translation>Je eigen nieuwsbronnen</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Verwijderen</translation>
    </message>
    <message>
      <source>Address of the news source</source>
      <translation>Adres van de nieuwsbron</translation>
    </message>
    <message>
      <source>Category for the news source</source>
      <translation>Categorie van de nieuwsbron</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>Toevoegen</translation>
    </message>
    <message>
      <source>Address:</source>
      <translation>Adres:</translation>
    </message>
    <message>
      <source>Category:</source>
      <translation>Categorie:</translation>
    </message>
    <message>
      <source>— added when you choose OK</source>
      <translation>— wordt toegevoegd als je op OK klikt</translation>
    </message>
    <message>
      <source>— also in “%1”, where its news is shown</source>
      <translation>— staat ook in ‘%1’; het nieuws ervan verschijnt daar</translation>
    </message>
    <message>
      <source>Type the address of the news source first.</source>
      <translation>Typ eerst het adres van de nieuwsbron.</translation>
    </message>
    <message>
      <source>That is not a web address. A web address starts with https:// (or http://).</source>
      <translation>Dat is geen webadres. Een webadres begint met https:// (of http://).</translation>
    </message>
    <message>
      <source>This news source is already in “%1”. A news source can be in one category only.</source>
      <translation>Deze nieuwsbron staat al in ‘%1’. Een nieuwsbron kan maar in één categorie staan.</translation>
    </message>
    <message>
      <source>It is added when you choose OK, and fetched right after.</source>
      <translation>De nieuwsbron wordt toegevoegd als je op OK klikt, en meteen daarna opgehaald.</translation>
    </message>
    <message>
      <source>It is removed when you choose OK.</source>
      <translation>De nieuwsbron wordt verwijderd als je op OK klikt.</translation>
    </message>
    <message>
      <source>News sources</source>
      <translation>Nieuwsbronnen</translation>
    </message>
    <message>
      <source>The list of news sources could not be saved: the disk is full.</source>
      <translation>De lijst met nieuwsbronnen kon niet worden bewaard: de schijf is vol.</translation>
    </message>
    <message>
      <source>The list of news sources could not be saved.</source>
      <translation>De lijst met nieuwsbronnen kon niet worden bewaard.</translation>
    </message>
  </context>
  <context>
    <name>NewsTab</name>
    <message>
      <source>Width of the categories</source>
      <translation>Breedte van de categorieën</translation>
    </message>
    <message>
      <source>Width of the article list</source>
      <translation>Breedte van de berichtenlijst</translation>
    </message>
  </context>
  <context>
    <name>Notifications</name>
    <message>
      <source>New e-mail</source>
      <translation>Nieuwe e-mail</translation>
    </message>
    <message>
      <source>You have 1 unread message.</source>
      <translation>Je hebt 1 ongelezen bericht.</translation>
    </message>
    <message>
      <source>You have %1 unread messages.</source>
      <translation>Je hebt %1 ongelezen berichten.</translation>
    </message>
    <message>
      <source>(no subject)</source>
      <translation>(geen onderwerp)</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Openen</translation>
    </message>
    <message>
      <source>Pause for an hour</source>
      <translation>Een uur pauzeren</translation>
    </message>
    <message>
      <source>New e-mail from %1</source>
      <translation>Nieuwe e-mail van %1</translation>
    </message>
    <message>
      <source>%1 new e-mails</source>
      <translation>%1 nieuwe e-mails</translation>
    </message>
    <message>
      <source>and %1 more</source>
      <translation>en nog %1</translation>
    </message>
  </context>
  <context>
    <name>Printing</name>
    <message>
      <source>Print</source>
      <translation>Afdrukken</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>Bezig met afdrukken…</translation>
    </message>
    <message>
      <source>Save as PDF</source>
      <translation>Opslaan als PDF</translation>
    </message>
    <message>
      <source>PDF documents (*.pdf)</source>
      <translation>PDF-documenten (*.pdf)</translation>
    </message>
    <message>
      <source>Sent to the printer.</source>
      <translation>Naar de printer gestuurd.</translation>
    </message>
    <message>
      <source>Printing did not work. Check the printer and try again.</source>
      <translation>Afdrukken is niet gelukt. Controleer de printer en probeer het opnieuw.</translation>
    </message>
    <message>
      <source>Saved as %1</source>
      <translation>Opgeslagen als %1</translation>
    </message>
    <message>
      <source>The PDF could not be saved there. Choose another folder.</source>
      <translation>De PDF kon daar niet worden opgeslagen. Kies een andere map.</translation>
    </message>
  </context>
  <context>
    <name>RoundFeedback</name>
    <message>
      <source>1 new article</source>
      <translation>1 nieuw bericht</translation>
    </message>
    <message>
      <source>%1 new articles</source>
      <translation>%1 nieuwe berichten</translation>
    </message>
    <message>
      <source>The news could not be fetched (see the log file).</source>
      <translation>Het nieuws kon niet worden opgehaald (zie het logbestand).</translation>
    </message>
  </context>
  <context>
    <name>RoundWords</name>
    <message>
      <source>Updated at %1</source>
      <translation>Bijgewerkt om %1</translation>
    </message>
    <message>
      <source>1 news source could not be reached</source>
      <translation>1 nieuwsbron niet bereikbaar</translation>
    </message>
    <message>
      <source>1 news source is not working</source>
      <translation>1 nieuwsbron werkt niet</translation>
    </message>
    <message>
      <source>%1 news sources could not be reached</source>
      <translation>%1 nieuwsbronnen niet bereikbaar</translation>
    </message>
    <message>
      <source>%1 news sources are not working</source>
      <translation>%1 nieuwsbronnen werken niet</translation>
    </message>
    <message>
      <source>%1 asked us to wait until %2</source>
      <translation>%1 vraagt ons te wachten tot %2</translation>
    </message>
    <message>
      <source>%1 news sources asked us to wait until %2</source>
      <translation>%1 nieuwsbronnen vragen ons te wachten tot %2</translation>
    </message>
    <message>
      <source>%1 — details</source>
      <translation>%1 — details</translation>
    </message>
    <message>
      <source>This profile's folder cannot be written (it is read-only): you see the news saved before, but nothing new can be fetched or kept.</source>
      <translation>De map van dit profiel is alleen-lezen: je ziet het eerder bewaarde nieuws, maar er kan niets nieuws worden opgehaald of bewaard.</translation>
    </message>
    <message>
      <source>The saved news could not be read and was set aside; the news is fetched again.</source>
      <translation>Het bewaarde nieuws kon niet worden gelezen en is apart gezet; het nieuws wordt opnieuw opgehaald.</translation>
    </message>
    <message>
      <source>The saved news could not be read and was set aside. There is no internet connection now: the news is fetched as soon as you are online again.</source>
      <translation>Het bewaarde nieuws kon niet worden gelezen en is apart gezet. Er is nu geen internetverbinding: het nieuws wordt opgehaald zodra je weer online bent.</translation>
    </message>
    <message>
      <source>The disk is full, so new news cannot be saved. The news saved before is kept.</source>
      <translation>De schijf is vol, dus nieuwe berichten kunnen niet worden bewaard. De eerder bewaarde berichten blijven staan.</translation>
    </message>
    <message>
      <source>Offline — you are seeing saved news</source>
      <translation>Offline — je ziet eerder opgehaald nieuws</translation>
    </message>
    <message>
      <source>There is no internet connection. The news appears as soon as you are online again.</source>
      <translation>Er is geen internetverbinding. Het nieuws verschijnt zodra je weer online bent.</translation>
    </message>
    <message>
      <source>Nothing found for “%1” in any category.</source>
      <translation>In geen enkele categorie iets gevonden voor ‘%1’.</translation>
    </message>
    <message>
      <source>Fetching the news…</source>
      <translation>Het nieuws wordt opgehaald…</translation>
    </message>
    <message>
      <source>No news yet: there is no connection. The news appears here as soon as you are online again.</source>
      <translation>Nog geen nieuws: er is geen verbinding. Het nieuws verschijnt hier zodra je weer online bent.</translation>
    </message>
    <message>
      <source>No news could be fetched. Choose “details” above the list to see what went wrong.</source>
      <translation>Er kon geen nieuws worden opgehaald. Kies ‘details’ boven de lijst om te zien wat er misging.</translation>
    </message>
    <message>
      <source>No news yet. Press F5 to fetch it.</source>
      <translation>Nog geen nieuws. Druk op F5 om het op te halen.</translation>
    </message>
    <message>
      <source>No unread articles in this category.</source>
      <translation>Geen ongelezen berichten in deze categorie.</translation>
    </message>
    <message>
      <source>The news sources of this category could not be fetched. Choose “details” above the list to see why.</source>
      <translation>De nieuwsbronnen van deze categorie konden niet worden opgehaald. Kies ‘details’ boven de lijst om te zien waarom.</translation>
    </message>
    <message>
      <source>No articles in this category yet.</source>
      <translation>Nog geen berichten in deze categorie.</translation>
    </message>
    <message>
      <source>Its website asked us to wait until %1; it is fetched again then</source>
      <translation>De website vraagt ons te wachten tot %1; dan wordt de nieuwsbron weer opgehaald</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Settings</source>
      <translation>Instellingen</translation>
    </message>
    <message>
      <source>Settings pages</source>
      <translation>Onderdelen van de instellingen</translation>
    </message>
    <message>
      <source>General</source>
      <translation>Algemeen</translation>
    </message>
  </context>
  <context>
    <name>SourceProblemsDialog</name>
    <message>
      <source>News sources with a problem</source>
      <translation>Nieuwsbronnen met een probleem</translation>
    </message>
    <message>
      <source>These news sources were not updated in the last round. The news they gave before is kept.</source>
      <translation>Deze nieuwsbronnen zijn de laatste keer niet bijgewerkt. De berichten die ze eerder gaven blijven staan.</translation>
    </message>
    <message>
      <source>News source</source>
      <translation>Nieuwsbron</translation>
    </message>
    <message>
      <source>Category</source>
      <translation>Categorie</translation>
    </message>
    <message>
      <source>What happened</source>
      <translation>Wat er aan de hand is</translation>
    </message>
  </context>
  <context>
    <name>TextSizeActions</name>
    <message>
      <source>&amp;Text size</source>
      <translation>&amp;Tekstgrootte</translation>
    </message>
    <message>
      <source>&amp;Larger</source>
      <translation>&amp;Groter</translation>
    </message>
    <message>
      <source>&amp;Smaller</source>
      <translation>&amp;Kleiner</translation>
    </message>
    <message>
      <source>&amp;Normal size (now %1%)</source>
      <translation>&amp;Normale grootte (nu %1%)</translation>
    </message>
    <message>
      <source>&amp;Normal size</source>
      <translation>&amp;Normale grootte</translation>
    </message>
  </context>
  <context>
    <name>Tray</name>
    <message>
      <source>%1 new articles</source>
      <translation>%1 nieuwe berichten</translation>
    </message>
    <message>
      <source>ZeelandNet keeps running</source>
      <translation>ZeelandNet blijft actief</translation>
    </message>
    <message>
      <source>ZeelandNet is still running in the system tray and announces breaking news. Choose Quit in its menu to stop it.</source>
      <translation>ZeelandNet draait verder in het systeemvak en meldt belangrijk nieuws. Kies Afsluiten in het menu van ZeelandNet om het programma te stoppen.</translation>
    </message>
    <message>
      <source>Open webmail</source>
      <translation>Webmail openen</translation>
    </message>
    <message>
      <source>News</source>
      <translation>Nieuws</translation>
    </message>
    <message>
      <source>Refresh now</source>
      <translation>Nu vernieuwen</translation>
    </message>
    <message>
      <source>Pause notifications</source>
      <translation>Meldingen pauzeren</translation>
    </message>
    <message>
      <source>For 1 hour</source>
      <translation>Een uur</translation>
    </message>
    <message>
      <source>Until tomorrow</source>
      <translation>Tot morgen</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>Hervatten</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>Instellingen…</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Afsluiten</translation>
    </message>
    <message>
      <source>News updated at %1</source>
      <translation>Nieuws bijgewerkt om %1</translation>
    </message>
    <message>
      <source>Unread mail: %1</source>
      <translation>Ongelezen e-mail: %1</translation>
    </message>
    <message>
      <source>Notifications paused until %1</source>
      <translation>Meldingen gepauzeerd tot %1</translation>
    </message>
  </context>
  <context>
    <name>TraySettingsPage</name>
    <message>
      <source>Notifications</source>
      <translation>Meldingen</translation>
    </message>
    <message>
      <source>Breaking news</source>
      <translation>Belangrijk nieuws</translation>
    </message>
    <message>
      <source>Announce breaking news</source>
      <translation>Belangrijk nieuws melden</translation>
    </message>
    <message>
      <source>Categories to announce</source>
      <translation>Categorieën om te melden</translation>
    </message>
    <message>
      <source> per hour</source>
      <translation> per uur</translation>
    </message>
    <message>
      <source>Notifications per hour at most</source>
      <translation>Meldingen per uur (hoogstens)</translation>
    </message>
    <message>
      <source>Categories to announce:</source>
      <translation>Melden uit deze categorieën:</translation>
    </message>
    <message>
      <source>At most:</source>
      <translation>Maximaal:</translation>
    </message>
    <message>
      <source>Quiet hours</source>
      <translation>Niet storen</translation>
    </message>
    <message>
      <source>Quiet hours start at</source>
      <translation>Niet storen vanaf</translation>
    </message>
    <message>
      <source>Quiet hours end at</source>
      <translation>Niet storen tot</translation>
    </message>
    <message>
      <source>No notifications from</source>
      <translation>Geen meldingen van</translation>
    </message>
    <message>
      <source>to</source>
      <translation>tot</translation>
    </message>
    <message>
      <source>Announce new e-mail while the window is hidden</source>
      <translation>Nieuwe e-mail melden als het venster verborgen is</translation>
    </message>
    <message>
      <source>Start at login (in the tray)</source>
      <translation>Starten bij het aanmelden op de computer (in het systeemvak)</translation>
    </message>
    <message>
      <source>This computer cannot show notifications, so breaking news and new e-mail are not announced.</source>
      <translation>Deze computer kan geen meldingen tonen, dus belangrijk nieuws en nieuwe e-mail worden niet gemeld.</translation>
    </message>
    <message>
      <source>Start at login could not be changed; the log file has the details.</source>
      <translation>Het automatisch starten kon niet worden aangepast; de details staan in het logbestand.</translation>
    </message>
  </context>
  <context>
    <name>WebmailBrowser</name>
    <message>
      <source>Signing in was stopped: the page tried to send your password to %1</source>
      <translation>Inloggen gestopt: de pagina probeerde je wachtwoord naar %1 te sturen</translation>
    </message>
    <message>
      <source>No web browser could be opened for %1</source>
      <translation>Er kon geen webbrowser worden geopend voor %1</translation>
    </message>
    <message>
      <source>Opened %1 in your browser</source>
      <translation>%1 geopend in je browser</translation>
    </message>
    <message>
      <source>Blocked an unsafe link (%1)</source>
      <translation>Onveilige link geblokkeerd (%1)</translation>
    </message>
    <message>
      <source>Webmail notifications</source>
      <translation>Webmailmeldingen</translation>
    </message>
    <message>
      <source>%1 wants to notify you of new mail. Allow this?</source>
      <translation>%1 wil je melden wanneer er nieuwe mail is. Toestaan?</translation>
    </message>
  </context>
  <context>
    <name>WebmailLogin</name>
    <message>
      <source>Keychain Access</source>
      <translation>Sleutelhangertoegang</translation>
    </message>
    <message>
      <source>Credential Manager</source>
      <translation>Referentiebeheer</translation>
    </message>
    <message>
      <source>the keyring</source>
      <translation>de sleutelbos</translation>
    </message>
    <message>
      <source>Sign in…</source>
      <translation>Inloggen…</translation>
    </message>
    <message>
      <source>Sign in with your e-mail address and password</source>
      <translation>Inloggen met je e-mailadres en wachtwoord</translation>
    </message>
    <message>
      <source>Automatic sign-in skipped: this page's form would send your password to another address.</source>
      <translation>Automatisch inloggen overgeslagen: het formulier op deze pagina zou je wachtwoord naar een ander adres sturen.</translation>
    </message>
    <message>
      <source>Signing in to %1 did not work. Check your e-mail address and password.</source>
      <translation>Inloggen bij %1 is niet gelukt. Controleer je e-mailadres en wachtwoord.</translation>
    </message>
    <message>
      <source>%1 says: “%2”</source>
      <translation>%1 meldt: “%2”</translation>
    </message>
    <message>
      <source>Remember password?</source>
      <translation>Wachtwoord onthouden?</translation>
    </message>
    <message>
      <source>Remember the password for %1?</source>
      <translation>Het wachtwoord voor %1 onthouden?</translation>
    </message>
    <message>
      <source>It is kept in %1 on this computer, not in the app's settings.</source>
      <translation>Het wordt bewaard in %1 op deze computer, niet in de instellingen van de app.</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>Ja</translation>
    </message>
    <message>
      <source>No</source>
      <translation>Nee</translation>
    </message>
    <message>
      <source>Never for this address</source>
      <translation>Nooit voor dit adres</translation>
    </message>
    <message>
      <source>Your password is kept in %1.</source>
      <translation>Je wachtwoord wordt bewaard in %1.</translation>
    </message>
  </context>
  <context>
    <name>WebmailPage</name>
    <message>
      <source>Webmail is not reachable</source>
      <translation>Webmail is niet bereikbaar</translation>
    </message>
    <message>
      <source>%1 is not reachable right now</source>
      <translation>%1 is nu niet bereikbaar</translation>
    </message>
    <message>
      <source>Check your internet connection, then try again. If the problem persists, the webmail may be down for maintenance.</source>
      <translation>Controleer je internetverbinding en probeer het opnieuw. Blijft het probleem bestaan, dan is de webmail misschien in onderhoud.</translation>
    </message>
    <message>
      <source>Try again</source>
      <translation>Opnieuw proberen</translation>
    </message>
    <message>
      <source>Signing in was stopped</source>
      <translation>Inloggen gestopt</translation>
    </message>
    <message>
      <source>Signing in was stopped to protect your password</source>
      <translation>Inloggen is gestopt om je wachtwoord te beschermen</translation>
    </message>
    <message>
      <source>This page tried to send your password to another address than %1. Your password was not sent. Sign in yourself only if you trust this page.</source>
      <translation>Deze pagina probeerde je wachtwoord naar een ander adres dan %1 te sturen. Je wachtwoord is niet verstuurd. Log alleen zelf in als je deze pagina vertrouwt.</translation>
    </message>
    <message>
      <source>Back to the sign-in page</source>
      <translation>Terug naar de inlogpagina</translation>
    </message>
    <message>
      <source>Connection not secure</source>
      <translation>Verbinding niet veilig</translation>
    </message>
    <message>
      <source>The connection to %1 is not secure</source>
      <translation>De verbinding met %1 is niet veilig</translation>
    </message>
    <message>
      <source>The site's certificate is not valid, so someone could be reading along. The page was not opened. Try again later, or contact your provider if this keeps happening.</source>
      <translation>Het certificaat van de site is niet geldig, dus iemand zou kunnen meelezen. De pagina is niet geopend. Probeer het later opnieuw, of neem contact op met je provider als dit blijft gebeuren.</translation>
    </message>
  </context>
  <context>
    <name>WebmailQuestions</name>
    <message>
      <source>You have not finished what you were writing in your webmail. Leave it anyway?</source>
      <translation>Je bent nog niet klaar met wat je in je webmail schreef. Toch weggaan?</translation>
    </message>
    <message>
      <source>Leave</source>
      <translation>Weggaan</translation>
    </message>
    <message>
      <source>Stay</source>
      <translation>Blijven</translation>
    </message>
  </context>
  <context>
    <name>WebmailSettingsPage</name>
    <message>
      <source>Webmail</source>
      <translation>Webmail</translation>
    </message>
    <message>
      <source>(not chosen yet)</source>
      <translation>(nog niet gekozen)</translation>
    </message>
    <message>
      <source>Other webmail</source>
      <translation>Andere webmail</translation>
    </message>
    <message>
      <source>Check for new e-mail without opening the webmail</source>
      <translation>Nieuwe e-mail controleren zonder de webmail te openen</translation>
    </message>
    <message>
      <source>Counts unread e-mail and announces new e-mail with the password you saved, also while the webmail is closed.</source>
      <translation>Telt ongelezen e-mail en meldt nieuwe e-mail met het wachtwoord dat je liet onthouden, ook als de webmail dicht is.</translation>
    </message>
    <message>
      <source>Mail server</source>
      <translation>Mailserver</translation>
    </message>
    <message>
      <source>Port</source>
      <translation>Poort</translation>
    </message>
    <message>
      <source>Secure from the start (SSL/TLS)</source>
      <translation>Meteen beveiligd (SSL/TLS)</translation>
    </message>
    <message>
      <source>Secured after connecting (STARTTLS)</source>
      <translation>Beveiligd na het verbinden (STARTTLS)</translation>
    </message>
    <message>
      <source>Security</source>
      <translation>Beveiliging</translation>
    </message>
    <message>
      <source>Port:</source>
      <translation>Poort:</translation>
    </message>
    <message>
      <source>Your Downloads folder</source>
      <translation>Je map Downloads</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>Bladeren…</translation>
    </message>
    <message>
      <source>Choose the folder for attachments</source>
      <translation>Map voor bijlagen kiezen</translation>
    </message>
    <message>
      <source>never</source>
      <translation>nooit</translation>
    </message>
    <message>
      <source> min</source>
      <translation> minuten</translation>
    </message>
    <message>
      <source>Frees memory: the webmail page is closed after it has been hidden this long, and opened again when you return.</source>
      <translation>Spaart geheugen: de webmailpagina wordt gesloten als hij zo lang verborgen is geweest, en weer geopend als je terugkomt.</translation>
    </message>
    <message>
      <source>Webmail:</source>
      <translation>Webmail:</translation>
    </message>
    <message>
      <source>Address:</source>
      <translation>Adres:</translation>
    </message>
    <message>
      <source>Mail server:</source>
      <translation>Mailserver:</translation>
    </message>
    <message>
      <source>Security:</source>
      <translation>Beveiliging:</translation>
    </message>
    <message>
      <source>Save attachments in:</source>
      <translation>Bijlagen opslaan in:</translation>
    </message>
    <message>
      <source>Close webmail when hidden for:</source>
      <translation>Verborgen webmail sluiten na:</translation>
    </message>
    <message>
      <source>No mail server is known for this webmail, so new e-mail is only seen while the webmail is open.</source>
      <translation>Voor deze webmail is geen mailserver bekend, dus nieuwe e-mail zie je alleen als de webmail open is.</translation>
    </message>
    <message>
      <source>Enter the name of the mail server, such as mail.example.nl.</source>
      <translation>Vul de naam van de mailserver in, zoals mail.voorbeeld.nl.</translation>
    </message>
    <message>
      <source>Save attachments in</source>
      <translation>Bijlagen opslaan in</translation>
    </message>
    <message>
      <source>Enter a web address that starts with https://.</source>
      <translation>Vul een webadres in dat met https:// begint.</translation>
    </message>
  </context>
  <context>
    <name>WebmailTab</name>
    <message>
      <source>Choose your webmail</source>
      <translation>Kies je webmail</translation>
    </message>
    <message>
      <source>Webmail opens here.</source>
      <translation>Hier opent je webmail.</translation>
    </message>
    <message>
      <source>You have not chosen a webmail yet.</source>
      <translation>Je hebt nog geen webmail gekozen.</translation>
    </message>
  </context>
</TS>