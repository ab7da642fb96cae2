<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Unknot</source>
        <extracomment>The license Unknot is published under (pyproject.toml says the same).</extracomment>
        <translation>Acerca de Unknot</translation>
    </message>
    <message>
        <source>Unknot</source>
        <translation>Unknot</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Versión {version}</translation>
    </message>
    <message>
        <source>Version not known (Unknot was not installed)</source>
        <translation>Versión desconocida (Unknot no se instaló)</translation>
    </message>
    <message>
        <source>A private journal for reading about trauma bonds and thinking them through. It stays on this computer and never connects to the internet.</source>
        <translation>Un diario privado para leer sobre los vínculos traumáticos y reflexionar sobre ellos. Se queda en este ordenador y nunca se conecta a internet.</translation>
    </message>
    <message>
        <source>Unknot is not a replacement for professional care, and it cannot diagnose anything. Help (F1) lists crisis lines and helplines in several countries.</source>
        <translation>Unknot no sustituye la atención profesional y no puede diagnosticar nada. La Ayuda (F1) recoge líneas de crisis y de ayuda de varios países.</translation>
    </message>
    <message>
        <source>The article, “{title}”: {source}</source>
        <translation>El artículo, «{title}»: {source}</translation>
    </message>
    <message>
        <source>License: GNU General Public License, version 3 or any later version ({license_id}). You may share and change Unknot under its terms.</source>
        <translation>Licencia: GNU General Public License, versión 3 o cualquier versión posterior ({license_id}). Puedes compartir y modificar Unknot según sus términos.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Sample data: a made-up year of entries and check-ins. Nothing you write here is kept.</source>
        <translation>Datos de ejemplo: un año inventado de entradas y revisiones semanales. No se guarda nada de lo que escribas aquí.</translation>
    </message>
    <message>
        <source>Sample data notice</source>
        <translation>Aviso de datos de ejemplo</translation>
    </message>
    <message>
        <source>Sample data, nothing is saved</source>
        <translation>Datos de ejemplo, no se guarda nada</translation>
    </message>
    <message>
        <source>That did not work</source>
        <translation>No ha funcionado</translation>
    </message>
    <message>
        <source>Nothing you wrote was lost.

%s</source>
        <translation>No se ha perdido nada de lo que escribiste.

%s</translation>
    </message>
    <message>
        <source>Some entries could not be read</source>
        <translation>Algunas entradas no se pudieron leer</translation>
    </message>
    <message>
        <source>%d saved item(s) are damaged and could not be opened. Everything else is here. Damaged ids: %s</source>
        <translation>%d elemento(s) guardado(s) están dañados y no se pudieron abrir. Todo lo demás está aquí. Identificadores dañados: %s</translation>
    </message>
</context>
<context>
    <name>BackupsGroup</name>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>Looking for backups…</source>
        <translation>Buscando copias de seguridad…</translation>
    </message>
    <message>
        <source>Show what each holds…</source>
        <translation>Mostrar qué contiene cada una…</translation>
    </message>
    <message>
        <source>Back up now to…</source>
        <translation>Hacer una copia ahora en…</translation>
    </message>
    <message>
        <source>Restore the chosen backup…</source>
        <translation>Restaurar la copia elegida…</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>Restaurar desde un archivo…</translation>
    </message>
    <message>
        <source>There are no backups yet. One is taken once a day while the journal is open.</source>
        <translation>Aún no hay copias de seguridad. Se hace una al día mientras el diario está abierto.</translation>
    </message>
    <message>
        <source>The backups on this computer, newest first:</source>
        <translation>Las copias de seguridad de este ordenador, de la más reciente a la más antigua:</translation>
    </message>
    <message>
        <source>The backups on this computer, newest first. Choose “Show what each holds” to see how many entries each has.</source>
        <translation>Las copias de seguridad de este ordenador, de la más reciente a la más antigua. Elige «Mostrar qué contiene cada una» para ver cuántas entradas tiene cada una.</translation>
    </message>
    <message>
        <source>%s — does not open with your passphrase</source>
        <translation>%s: no se abre con tu frase de contraseña</translation>
    </message>
    <message>
        <source>%s — %d entries, %d check-ins</source>
        <translation>%s: %d entradas, %d revisiones</translation>
    </message>
    <message>
        <source>(another journal)</source>
        <translation>(otro diario)</translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <source>Weekly check-in</source>
        <translation>Revisión semanal</translation>
    </message>
    <message>
        <source>In the past 7 days, how much did this fit your experience?</source>
        <translation>En los últimos 7 días, ¿cuánto encajó esto con lo que viviste?</translation>
    </message>
    <message>
        <source>This is a reflection aid, not a diagnosis or a test. Skip anything you like.</source>
        <translation>Es una ayuda para reflexionar, no un diagnóstico ni un test. Salta lo que quieras.</translation>
    </message>
    <message>
        <source>Check-in date</source>
        <translation>Fecha de la revisión</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Saltar</translation>
    </message>
    <message>
        <source>A note about this week (optional)</source>
        <translation>Una nota sobre esta semana (opcional)</translation>
    </message>
    <message>
        <source>Check-in note</source>
        <translation>Nota de la revisión</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>Semana del</translation>
    </message>
</context>
<context>
    <name>CheckInListModel</name>
    <message>
        <source>Week of %s</source>
        <translation>Semana del %s</translation>
    </message>
</context>
<context>
    <name>CheckInPanel</name>
    <message>
        <source>Weekly check-in…</source>
        <translation>Revisión semanal…</translation>
    </message>
    <message>
        <source>There is no check-in for this week yet. It takes a minute, and every question can be skipped.</source>
        <translation>Aún no hay revisión de esta semana. Lleva un minuto y puedes saltar cualquier pregunta.</translation>
    </message>
    <message>
        <source>Do this week&apos;s check-in</source>
        <translation>Hacer la revisión de esta semana</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Thank you for checking in. If this week was hard, Help (F1) lists crisis lines and people you can talk to, whether you stay or go.</source>
        <translation>Gracias por hacer la revisión. Si esta semana ha sido difícil, la Ayuda (F1) recoge líneas de crisis y personas con quienes hablar, tanto si te quedas como si te vas.</translation>
    </message>
    <message>
        <source>After the check-in</source>
        <translation>Después de la revisión</translation>
    </message>
    <message>
        <source>Past check-ins</source>
        <translation>Revisiones anteriores</translation>
    </message>
    <message>
        <source>View or edit…</source>
        <translation>Ver o editar…</translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <source>Reflection prompt</source>
        <extracomment>The body always shows at least this many lines (the fields below it scroll when short).</extracomment>
        <translation>Pregunta para reflexionar</translation>
    </message>
    <message>
        <source>Title (optional)</source>
        <translation>Título (opcional)</translation>
    </message>
    <message>
        <source>Entry title</source>
        <translation>Título de la entrada</translation>
    </message>
    <message>
        <source>Write whatever you want to. Markdown works: *italic*, **bold**, - lists.</source>
        <translation>Escribe lo que quieras. Puedes usar Markdown: *cursiva*, **negrita**, - listas.</translation>
    </message>
    <message>
        <source>Entry text</source>
        <translation>Texto de la entrada</translation>
    </message>
    <message>
        <source>Tab indents. Ctrl+Tab, or Esc then Tab, goes to the next field.</source>
        <translation>Tab sangra el texto. Ctrl+Tab, o Esc y luego Tab, pasa al campo siguiente.</translation>
    </message>
    <message>
        <source>Entry preview</source>
        <translation>Vista previa de la entrada</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Escribir</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Signs this entry is about (optional)</source>
        <translation>Señales de las que trata esta entrada (opcional)</translation>
    </message>
    <message>
        <source>Sign: %s</source>
        <translation>Señal: %s</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>Ánimo</translation>
    </message>
    <message>
        <source>Mood: not set</source>
        <translation>Ánimo: sin indicar</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>Etiquetas, separadas por comas</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>Delete entry…</source>
        <translation>Borrar la entrada…</translation>
    </message>
    <message>
        <source>Delete this entry</source>
        <translation>Borrar esta entrada</translation>
    </message>
</context>
<context>
    <name>EntryListModel</name>
    <message>
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <source>Signs: %s</source>
        <translation>Señales: %s</translation>
    </message>
    <message>
        <source>Mood: %s</source>
        <translation>Ánimo: %s</translation>
    </message>
</context>
<context>
    <name>ExceptionHook</name>
    <message>
        <source>Something unexpected went wrong (%1). What you saved is safe.</source>
        <translation>Algo inesperado salió mal (%1). Lo que guardaste está a salvo.</translation>
    </message>
</context>
<context>
    <name>HeldWords</name>
    <message>
        <source>Locked. Your last changes could not be saved: %s They are kept until you unlock again, when Unknot saves them; closing Unknot lets them go.</source>
        <translation>Bloqueado. Tus últimos cambios no se pudieron guardar: %s Se conservan hasta que vuelvas a desbloquear, y entonces Unknot los guarda; si cierras Unknot, se pierden.</translation>
    </message>
    <message>
        <source>Your last changes could not be saved: %s They are kept for now. Press Ctrl+L and unlock to save them, or close this window to let them go.</source>
        <translation>Tus últimos cambios no se pudieron guardar: %s De momento se conservan. Pulsa Ctrl+L y desbloquea para guardarlos, o cierra esta ventana para dejarlos ir.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from another app</source>
        <translation>Importar desde otra aplicación</translation>
    </message>
    <message>
        <source>Bring in entries from jrnl, Day One, a folder of Markdown notes or an Unknot export. Entries already in your journal are not added again, and a file with a problem imports nothing.</source>
        <translation>Trae entradas de jrnl, de Day One, de una carpeta de notas en Markdown o de una exportación de Unknot. Las entradas que ya están en tu diario no se añaden otra vez, y un archivo con un problema no importa nada.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Tell from the file</source>
        <translation>Deducirlo del archivo</translation>
    </message>
    <message>
        <source>Unknot JSON export</source>
        <translation>Exportación JSON de Unknot</translation>
    </message>
    <message>
        <source>jrnl JSON export (jrnl --format json)</source>
        <translation>Exportación JSON de jrnl (jrnl --format json)</translation>
    </message>
    <message>
        <source>Day One JSON export (.zip, its folder or its .json)</source>
        <translation>Exportación JSON de Day One (.zip, su carpeta o su .json)</translation>
    </message>
    <message>
        <source>A folder of Markdown files, one entry each</source>
        <translation>Una carpeta de archivos Markdown, una entrada por archivo</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Elegir un archivo…</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Elegir una carpeta…</translation>
    </message>
    <message>
        <source>Nothing chosen yet.</source>
        <translation>Aún no se ha elegido nada.</translation>
    </message>
    <message>
        <source>Import result</source>
        <translation>Resultado de la importación</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Formato:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Desde:</translation>
    </message>
    <message>
        <source>Choose the folder to import</source>
        <translation>Elige la carpeta que importar</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Elige el archivo que importar</translation>
    </message>
    <message>
        <source>Exports (*.json *.zip)</source>
        <translation>Exportaciones (*.json *.zip)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Nothing was imported. %s</source>
        <translation>No se importó nada. %s</translation>
    </message>
</context>
<context>
    <name>JournalController</name>
    <message>
        <source>This journal opened, but nothing can be saved to it: its file or its folder (%s) is read-only. Unknot keeps what you write and tries again with each change; make the folder writable, or move the journal to one that is.</source>
        <translation>Este diario se abrió, pero no se puede guardar nada en él: su archivo o su carpeta (%s) son de solo lectura. Unknot conserva lo que escribes y lo vuelve a intentar con cada cambio; haz que la carpeta admita escritura o mueve el diario a una que la admita.</translation>
    </message>
    <message>
        <source>New entry — it is saved as you type.</source>
        <translation>Entrada nueva: se guarda mientras escribes.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved · encrypted</source>
        <translation>Guardado · cifrado</translation>
    </message>
    <message>
        <source>Not saved yet — see the notice above.</source>
        <translation>Aún sin guardar: mira el aviso de arriba.</translation>
    </message>
    <message>
        <source>Not saved yet: %s Unknot keeps what you wrote and tries again with your next change, and when you lock.</source>
        <translation>Aún sin guardar: %s Unknot conserva lo que escribiste y lo vuelve a intentar con tu próximo cambio y al bloquear.</translation>
    </message>
    <message>
        <source>Delete this entry?</source>
        <translation>¿Borrar esta entrada?</translation>
    </message>
    <message>
        <source>Delete the entry from %s? This cannot be undone.</source>
        <translation>¿Borrar la entrada del %s? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Week of %s · %s</source>
        <translation>Semana del %s · %s</translation>
    </message>
    <message>
        <source>all signs</source>
        <translation>todas las señales</translation>
    </message>
    <message>
        <source>showing %d of %d entries</source>
        <translation>se muestran %d de %d entradas</translation>
    </message>
    <message>
        <source>No entries yet. Press “New entry”, or choose “Write about this” on a sign card.</source>
        <translation>Aún no hay entradas. Pulsa «Entrada nueva» o elige «Escribir sobre esto» en la tarjeta de una señal.</translation>
    </message>
    <message>
        <source>No entries match.</source>
        <translation>Ninguna entrada coincide.</translation>
    </message>
</context>
<context>
    <name>JournalPane</name>
    <message>
        <source>Any time</source>
        <extracomment>How many entries the list shows when the window has room (1280×800 and up).</extracomment>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <source>Past 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Past 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Past year</source>
        <translation>Último año</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>Entrada nueva</translation>
    </message>
    <message>
        <source>New entry (Ctrl+N)</source>
        <translation>Entrada nueva (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search entries (Ctrl+F)</source>
        <translation>Buscar en las entradas (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search entries</source>
        <translation>Buscar en las entradas</translation>
    </message>
    <message>
        <source>Filter by sign</source>
        <translation>Filtrar por señal</translation>
    </message>
    <message>
        <source>All signs</source>
        <translation>Todas las señales</translation>
    </message>
    <message>
        <source>Filter by date</source>
        <translation>Filtrar por fecha</translation>
    </message>
    <message>
        <source>Active filter</source>
        <translation>Filtro activo</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Mostrar todo</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Quitar los filtros</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <source>The entry you are writing is hidden by the filter. “Show all” brings it back into the list.</source>
        <translation>El filtro oculta la entrada que estás escribiendo. «Mostrar todo» la devuelve a la lista.</translation>
    </message>
    <message>
        <source>Open entry hidden by the filter</source>
        <translation>Entrada abierta oculta por el filtro</translation>
    </message>
    <message>
        <source>Saving problem</source>
        <translation>Problema al guardar</translation>
    </message>
</context>
<context>
    <name>KeysFlows</name>
    <message>
        <source>That did not work</source>
        <translation>No ha funcionado</translation>
    </message>
    <message>
        <source>Make a recovery key</source>
        <translation>Crear una clave de recuperación</translation>
    </message>
    <message>
        <source>A recovery key opens the journal without the passphrase, and lets you choose a new passphrase. Whoever finds it can open your journal. Making one also makes a new key for every entry: an old recovery key stops working, and the older backups are replaced by a fresh one. Type your passphrase to go on.</source>
        <translation>Una clave de recuperación abre el diario sin la frase de contraseña y te deja elegir una nueva. Quien la encuentre puede abrir tu diario. Crearla también crea una clave nueva para todas las entradas: una clave de recuperación anterior deja de funcionar, y las copias de seguridad antiguas se sustituyen por una nueva. Escribe tu frase de contraseña para seguir.</translation>
    </message>
    <message>
        <source>Make the key</source>
        <translation>Crear la clave</translation>
    </message>
    <message>
        <source>Remove the recovery key</source>
        <translation>Quitar la clave de recuperación</translation>
    </message>
    <message>
        <source>The recovery key stops opening the journal: every entry is locked again with a new key, and the older backups, which the old key opens, are replaced by a fresh one. If you then forget the passphrase, nothing can open the journal. Type your passphrase to go on.</source>
        <translation>La clave de recuperación deja de abrir el diario: todas las entradas se vuelven a bloquear con una clave nueva, y las copias de seguridad antiguas, que la clave anterior abre, se sustituyen por una nueva. Si luego olvidas la frase de contraseña, nada podrá abrir el diario. Escribe tu frase de contraseña para seguir.</translation>
    </message>
    <message>
        <source>Remove the key</source>
        <translation>Quitar la clave</translation>
    </message>
    <message>
        <source>Every entry was locked again with a new key (%d in all), and %d older backup(s) that the old key opened were removed.</source>
        <translation>Todas las entradas se volvieron a bloquear con una clave nueva (%d en total), y se borraron %d copia(s) de seguridad antigua(s) que la clave anterior abría.</translation>
    </message>
    <message>
        <source>A fresh backup was taken.</source>
        <translation>Se hizo una copia de seguridad nueva.</translation>
    </message>
    <message>
        <source>A fresh backup could not be taken; the next start will try again.</source>
        <translation>No se pudo hacer una copia de seguridad nueva; se volverá a intentar la próxima vez que se inicie.</translation>
    </message>
    <message>
        <source>Recovery key removed</source>
        <translation>Clave de recuperación quitada</translation>
    </message>
    <message>
        <source>The recovery key no longer opens the journal.</source>
        <translation>La clave de recuperación ya no abre el diario.</translation>
    </message>
    <message>
        <source>An older recovery key no longer opens the journal.</source>
        <translation>Una clave de recuperación anterior ya no abre el diario.</translation>
    </message>
    <message>
        <source>What the backups hold</source>
        <translation>Qué contienen las copias de seguridad</translation>
    </message>
    <message>
        <source>Type your passphrase to open each backup (read only) and count what it holds.</source>
        <translation>Escribe tu frase de contraseña para abrir cada copia (solo para leer) y contar lo que contiene.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>That passphrase does not open this backup.</source>
        <translation>Esa frase de contraseña no abre esta copia de seguridad.</translation>
    </message>
    <message>
        <source>That passphrase opens none of the backups.</source>
        <translation>Esa frase de contraseña no abre ninguna de las copias de seguridad.</translation>
    </message>
    <message>
        <source>Back up now to…</source>
        <translation>Hacer una copia ahora en…</translation>
    </message>
    <message>
        <source>Encrypted copy (*.db)</source>
        <translation>Copia cifrada (*.db)</translation>
    </message>
    <message>
        <source>Backed up</source>
        <translation>Copia hecha</translation>
    </message>
    <message>
        <source>An encrypted copy of the journal is at %s. It opens with your passphrase of today; only you can read it, and anyone can see that the file is there.</source>
        <translation>Hay una copia cifrada del diario en %s. Se abre con tu frase de contraseña de hoy; solo tú puedes leerla, pero cualquiera puede ver que el archivo está ahí.</translation>
    </message>
    <message>
        <source>Not backed up</source>
        <translation>No se hizo la copia</translation>
    </message>
    <message>
        <source>Restore from a file</source>
        <translation>Restaurar desde un archivo</translation>
    </message>
    <message>
        <source>The backup holds %d entries and %d check-ins.</source>
        <translation>La copia de seguridad contiene %d entradas y %d revisiones.</translation>
    </message>
    <message>
        <source>Restore %s? It is checked first. The journal as it is now is kept aside as a backup, so nothing is lost; entries you deleted stay deleted. The journal locks and opens again from the restored copy.</source>
        <translation>¿Restaurar %s? Primero se comprueba. El diario tal como está ahora se guarda aparte como copia de seguridad, así que no se pierde nada; las entradas que borraste siguen borradas. El diario se bloquea y se vuelve a abrir desde la copia restaurada.</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurar una copia de seguridad</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>The backup is in place: %d item(s).</source>
        <translation>La copia de seguridad está en su sitio: %d elemento(s).</translation>
    </message>
    <message>
        <source>The journal as it was is kept as %s.</source>
        <translation>El diario tal como estaba se guarda como %s.</translation>
    </message>
    <message>
        <source>%d item(s) you had deleted stay deleted.</source>
        <translation>%d elemento(s) que habías borrado siguen borrados.</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restaurado</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>No se restauró</translation>
    </message>
    <message>
        <source>The journal is as it was.</source>
        <translation>El diario está como estaba.</translation>
    </message>
    <message>
        <source>Remove everything</source>
        <translation>Borrarlo todo</translation>
    </message>
    <message>
        <source>This deletes the journal and every backup of it, the settings, the caches and the menu entry from this computer, then closes the app. It cannot be undone, and nothing you wrote can be brought back. Files you saved elsewhere yourself (a summary, an export, a copy, a printed key) stay where you put them. Type your passphrase to remove everything.</source>
        <translation>Esto borra de este ordenador el diario y todas sus copias de seguridad, los ajustes, las cachés y la entrada del menú, y luego cierra la aplicación. No se puede deshacer, y nada de lo que escribiste se podrá recuperar. Los archivos que guardaste tú en otros sitios (un resumen, una exportación, una copia, una clave impresa) se quedan donde los pusiste. Escribe tu frase de contraseña para borrarlo todo.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Unlock status</source>
        <translation>Estado del desbloqueo</translation>
    </message>
    <message>
        <source>Use my recovery key instead</source>
        <translation>Usar mi clave de recuperación</translation>
    </message>
    <message>
        <source>Use recovery key</source>
        <translation>Usar la clave de recuperación</translation>
    </message>
    <message>
        <source>Restore the newest backup</source>
        <translation>Restaurar la copia de seguridad más reciente</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Your journal is locked</source>
        <translation>Tu diario está bloqueado</translation>
    </message>
    <message>
        <source>Enter your passphrase.</source>
        <translation>Escribe tu frase de contraseña.</translation>
    </message>
    <message>
        <source>Enter your passphrase to open it.</source>
        <translation>Escribe tu frase de contraseña para abrirlo.</translation>
    </message>
    <message>
        <source>Type your passphrase again, then choose “Restore the newest backup”. The changed file is kept aside, not deleted.</source>
        <translation>Vuelve a escribir tu frase de contraseña y elige «Restaurar la copia de seguridad más reciente». El archivo cambiado se guarda aparte, no se borra.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Desbloqueando…</translation>
    </message>
    <message>
        <source>XXXX-XXXX-…</source>
        <translation>XXXX-XXXX-…</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>Type the recovery key you wrote down. You will then choose a new passphrase.</source>
        <translation>Escribe la clave de recuperación que anotaste. Después elegirás una frase de contraseña nueva.</translation>
    </message>
    <message>
        <source>Use my passphrase instead</source>
        <translation>Usar mi frase de contraseña</translation>
    </message>
    <message>
        <source>Type your passphrase above first, then choose “Restore the newest backup”.</source>
        <translation>Escribe primero tu frase de contraseña arriba y luego elige «Restaurar la copia de seguridad más reciente».</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>Restaurando la copia de seguridad…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Empty page</source>
        <translation>Página vacía</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>Entrada nueva</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Save now</source>
        <translation>Guardar ahora</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Diario</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronología</translation>
    </message>
    <message>
        <source>Share…</source>
        <translation>Compartir…</translation>
    </message>
    <message>
        <source>Show or save a session summary for a therapist (Ctrl+E)</source>
        <translation>Mostrar o guardar un resumen para una sesión de terapia (Ctrl+E)</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Bring in entries from jrnl, Day One, Markdown notes or an Unknot export</source>
        <translation>Traer entradas de jrnl, Day One, notas en Markdown o una exportación de Unknot</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Ajustes (Ctrl+,)</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <source>Quick exit</source>
        <translation>Salida rápida</translation>
    </message>
    <message>
        <source>Hide Unknot at once and lock it (Esc twice)</source>
        <translation>Ocultar Unknot al instante y bloquearlo (Esc dos veces)</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leer</translation>
    </message>
    <message>
        <source>Signs</source>
        <translation>Señales</translation>
    </message>
</context>
<context>
    <name>MarkdownView</name>
    <message>
        <source>Open link</source>
        <translation>Abrir el enlace</translation>
    </message>
    <message>
        <source>Open this link in your web browser?</source>
        <translation>¿Abrir este enlace en tu navegador?</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <source>Current passphrase</source>
        <translation>Frase de contraseña actual</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>Qué salió mal</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Please type your current passphrase.</source>
        <translation>Escribe tu frase de contraseña actual.</translation>
    </message>
    <message>
        <source>Making a new key and locking every entry again with it…</source>
        <translation>Creando una clave nueva y volviendo a bloquear todas las entradas con ella…</translation>
    </message>
</context>
<context>
    <name>PassphraseChoice</name>
    <message>
        <source>New passphrase</source>
        <translation>Frase de contraseña nueva</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Repite la frase de contraseña nueva</translation>
    </message>
    <message>
        <source>Show what I type</source>
        <translation>Mostrar lo que escribo</translation>
    </message>
    <message>
        <source>Suggest a passphrase</source>
        <translation>Sugerir una frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Solidez de la frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase strength in words</source>
        <translation>Solidez de la frase de contraseña, en palabras</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>Escríbela otra vez</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Solidez</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Someone may know my passphrase</source>
        <translation>Puede que alguien conozca mi frase de contraseña</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Cambiar la frase de contraseña</translation>
    </message>
    <message>
        <source>A new passphrase and a new key: every entry is locked again with the new key, and the older backups, which the old passphrase opens, are removed. Any recovery key stops working; you can make a new one afterwards. Copies you made elsewhere (a synced copy, a USB stick) still open with the old passphrase, but hold nothing written from now on: delete them.</source>
        <translation>Una frase de contraseña nueva y una clave nueva: todas las entradas se vuelven a bloquear con la clave nueva, y se borran las copias de seguridad antiguas, que la frase anterior abre. Cualquier clave de recuperación deja de funcionar; puedes crear una nueva después. Las copias que hiciste en otros sitios (una copia sincronizada, una memoria USB) se siguen abriendo con la frase anterior, pero no contienen nada de lo que se escriba a partir de ahora: bórralas.</translation>
    </message>
    <message>
        <source>A new passphrase and a new key: every entry is locked again with the new key, so an older copy of the journal opens nothing written from now on. The older backups are removed and a fresh one is taken. A recovery key is replaced by a new one, shown once.</source>
        <translation>Una frase de contraseña nueva y una clave nueva: todas las entradas se vuelven a bloquear con la clave nueva, así que una copia antigua del diario no abre nada de lo que se escriba a partir de ahora. Se borran las copias de seguridad antiguas y se hace una nueva. Una clave de recuperación se sustituye por otra nueva, que se muestra una vez.</translation>
    </message>
</context>
<context>
    <name>PassphrasePrompt</name>
    <message>
        <source>Your passphrase</source>
        <translation>Tu frase de contraseña</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>Qué salió mal</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Please type your passphrase.</source>
        <translation>Escribe tu frase de contraseña.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
</context>
<context>
    <name>QuickExit</name>
    <message>
        <source>Shift three times</source>
        <translation>Mayús tres veces</translation>
    </message>
    <message>
        <source>Esc twice</source>
        <translation>Esc dos veces</translation>
    </message>
    <message>
        <source>locks it and shows a blank “Notes” screen</source>
        <translation>lo bloquea y muestra una pantalla «Notas» en blanco</translation>
    </message>
    <message>
        <source>locks it and closes the program</source>
        <translation>lo bloquea y cierra el programa</translation>
    </message>
    <message>
        <source>lock and show a blank “Notes” screen</source>
        <translation>bloquear y mostrar una pantalla «Notas» en blanco</translation>
    </message>
    <message>
        <source>lock and close the program</source>
        <translation>bloquear y cerrar el programa</translation>
    </message>
    <message>
        <source>Hide this at once, save what you were writing (encrypted), %1 (%2)</source>
        <translation>Ocultar esto al instante, guardar lo que escribías (cifrado), %1 (%2)</translation>
    </message>
    <message>
        <source>Quick exit (%1, or the Quick exit button) hides the window at once, saves what you were writing (encrypted), %2.</source>
        <translation>La salida rápida (%1, o el botón Salida rápida) oculta la ventana al instante, guarda lo que escribías (cifrado) y %2.</translation>
    </message>
</context>
<context>
    <name>QuickExitButton</name>
    <message>
        <source>Hide this at once and lock it (Esc twice)</source>
        <translation>Ocultar esto al instante y bloquearlo (Esc dos veces)</translation>
    </message>
    <message>
        <source>Quick exit</source>
        <translation>Salida rápida</translation>
    </message>
</context>
<context>
    <name>ReadPane</name>
    <message>
        <source>Article</source>
        <extracomment>About how many characters a line of reading text may hold. The heading id that Markdown gives &quot;# About the term&quot;, used to scroll to the note (in another language, the id of that document&apos;s own first heading: see _first_anchor). The heading id of the readers&apos; comments under the article. The heading id that Markdown gives &quot;# For therapists&quot; on the Help page.</extracomment>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>About the term</source>
        <translation>Sobre el término</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Ayuda</translation>
    </message>
    <message>
        <source>For therapists</source>
        <translation>Para terapeutas</translation>
    </message>
    <message>
        <source>Before you read</source>
        <translation>Antes de leer</translation>
    </message>
    <message>
        <source>Read the article</source>
        <translation>Leer el artículo</translation>
    </message>
    <message>
        <source>Not now — go to the signs</source>
        <translation>Ahora no: ir a las señales</translation>
    </message>
    <message>
        <source>Not now, go to the signs</source>
        <translation>Ahora no, ir a las señales</translation>
    </message>
    <message>
        <source>Below the article are two comments from its readers and a short note on how researchers use the term.</source>
        <translation>Debajo del artículo hay dos comentarios de sus lectoras y una nota breve sobre cómo usan el término los investigadores.</translation>
    </message>
    <message>
        <source>These comments were published under the article by its readers. They are their words, not the article&apos;s and not Unknot&apos;s, shown unchanged.</source>
        <translation>Estos comentarios los publicaron lectoras del artículo debajo de él. Son sus palabras, no las del artículo ni las de Unknot, y se muestran sin cambios (en inglés, como se publicaron).</translation>
    </message>
    <message>
        <source>Readers&apos; comments</source>
        <translation>Comentarios de lectoras</translation>
    </message>
    <message>
        <source>{name} wrote:</source>
        <translation>{name} escribió:</translation>
    </message>
</context>
<context>
    <name>RecoveryGroup</name>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>Make a recovery key…</source>
        <translation>Crear una clave de recuperación…</translation>
    </message>
    <message>
        <source>Remove the recovery key…</source>
        <translation>Quitar la clave de recuperación…</translation>
    </message>
    <message>
        <source>A recovery key opens this journal. Whoever finds it can open the journal: replace it if it may have been seen, or remove it.</source>
        <translation>Una clave de recuperación abre este diario. Quien la encuentre puede abrir el diario: sustitúyela si puede que alguien la haya visto, o quítala.</translation>
    </message>
    <message>
        <source>There is no recovery key: if the passphrase is forgotten, the journal cannot be opened.</source>
        <translation>No hay clave de recuperación: si se olvida la frase de contraseña, el diario no se puede abrir.</translation>
    </message>
    <message>
        <source>Unlock the journal to change it.</source>
        <translation>Desbloquea el diario para cambiarlo.</translation>
    </message>
    <message>
        <source>Replace the recovery key…</source>
        <translation>Sustituir la clave de recuperación…</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Your new recovery key</source>
        <translation>Tu nueva clave de recuperación</translation>
    </message>
    <message>
        <source>Write this down on paper now and keep it somewhere only you can reach. It is shown only once. Whoever finds it can open your journal, without the passphrase.</source>
        <translation>Anótala ahora en papel y guárdala donde solo tú puedas llegar. Se muestra una sola vez. Quien la encuentre puede abrir tu diario sin la frase de contraseña.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>I have written it down</source>
        <translation>Ya la he anotado</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPrint</name>
    <message>
        <source>The key was not printed: to print to a file, choose where the file goes. The file is not locked — anyone who can open it can open your journal.</source>
        <translation>La clave no se imprimió: para imprimir a un archivo, elige dónde va el archivo. El archivo no está bloqueado: cualquiera que pueda abrirlo puede abrir tu diario.</translation>
    </message>
    <message>
        <source>Print the recovery key</source>
        <translation>Imprimir la clave de recuperación</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>No se imprimió</translation>
    </message>
    <message>
        <source>the file could not be made</source>
        <translation>no se pudo crear el archivo</translation>
    </message>
    <message>
        <source>The key was not printed: %1.</source>
        <translation>La clave no se imprimió: %1.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>Anyone who has this key can open the journal. Keep it somewhere only you can reach.</source>
        <translation>Cualquiera que tenga esta clave puede abrir el diario. Guárdala donde solo tú puedas llegar.</translation>
    </message>
</context>
<context>
    <name>SampleWindow</name>
    <message>
        <source>Leave the sample data</source>
        <translation>Salir de los datos de ejemplo</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>The locked journal and its backups: %s
Settings: %s
Files you saved yourself (summaries, exports, a printed key) are wherever you put them.</source>
        <translation>El diario bloqueado y sus copias de seguridad: %s
Ajustes: %s
Los archivos que guardaste tú (resúmenes, exportaciones, una clave impresa) están donde los pusiste.</translation>
    </message>
    <message>
        <source>Passphrase changed</source>
        <translation>Frase de contraseña cambiada</translation>
    </message>
    <message>
        <source>Passphrase changed. Every entry was locked again with a new key (%d in all), and %d older backup(s) that the old passphrase opened were removed.</source>
        <translation>Frase de contraseña cambiada. Todas las entradas se volvieron a bloquear con una clave nueva (%d en total), y se borraron %d copia(s) de seguridad antigua(s) que la frase anterior abría.</translation>
    </message>
    <message>
        <source>A fresh backup was taken under the new key.</source>
        <translation>Se hizo una copia de seguridad nueva con la clave nueva.</translation>
    </message>
    <message>
        <source>A fresh backup could not be taken; the next start will try again.</source>
        <translation>No se pudo hacer una copia de seguridad nueva; se volverá a intentar la próxima vez que se inicie.</translation>
    </message>
    <message>
        <source>Copies made elsewhere (sync folders, USB sticks) still open with the old passphrase, but hold nothing written from now on: delete them.</source>
        <translation>Las copias hechas en otros sitios (carpetas sincronizadas, memorias USB) se siguen abriendo con la frase anterior, pero no contienen nada de lo que se escriba a partir de ahora: bórralas.</translation>
    </message>
    <message>
        <source>The old recovery key no longer opens the journal: this new one does.</source>
        <translation>La clave de recuperación anterior ya no abre el diario: esta nueva sí.</translation>
    </message>
    <message>
        <source>The old recovery key no longer opens the journal.</source>
        <translation>La clave de recuperación anterior ya no abre el diario.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>Bloquear tras minutos sin uso</translation>
    </message>
    <message>
        <source>Lock when the window is minimised</source>
        <translation>Bloquear al minimizar la ventana</translation>
    </message>
    <message>
        <source>&amp;Discreet mode: call every window, the menu entry and the lock screen “Notes”, with a plain icon</source>
        <translation>Modo &amp;discreto: las ventanas y el menú se llaman «Notas», con un icono sencillo</translation>
    </message>
    <message>
        <source>What quick exit does</source>
        <translation>Qué hace la salida rápida</translation>
    </message>
    <message>
        <source>Close the app</source>
        <translation>Cerrar la aplicación</translation>
    </message>
    <message>
        <source>Show a blank “Notes” screen</source>
        <translation>Mostrar una pantalla «Notas» en blanco</translation>
    </message>
    <message>
        <source>Quick exit keys</source>
        <translation>Teclas de la salida rápida</translation>
    </message>
    <message>
        <source>Esc twice</source>
        <translation>Esc dos veces</translation>
    </message>
    <message>
        <source>Shift three times</source>
        <translation>Mayús tres veces</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>Cambiar la frase de contraseña…</translation>
    </message>
    <message>
        <source>Someone may know my passphrase…</source>
        <translation>Puede que alguien conozca mi frase de contraseña…</translation>
    </message>
    <message>
        <source>The journal is locked: unlock it to change these. Nobody can weaken them from the lock screen.</source>
        <translation>El diario está bloqueado: desbloquéalo para cambiar esto. Nadie puede debilitarlo desde la pantalla de bloqueo.</translation>
    </message>
    <message>
        <source>Safety on a shared computer</source>
        <translation>Seguridad en un ordenador compartido</translation>
    </message>
    <message>
        <source>Lock after being idle for</source>
        <translation>Bloquear si no se usa en</translation>
    </message>
    <message>
        <source>&amp;Quick exit</source>
        <translation>&amp;Salida rápida</translation>
    </message>
    <message>
        <source>Quick exit &amp;keys</source>
        <translation>&amp;Teclas de la salida rápida</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>What is kept on this computer</source>
        <translation>Lo que se guarda en este ordenador</translation>
    </message>
    <message>
        <source>Remove everything…</source>
        <translation>Borrarlo todo…</translation>
    </message>
    <message>
        <source>An Esc that closes a dialog does not count, so backing out of two dialogs never closes the app: in a dialog, press Esc three times or use its Quick exit button.</source>
        <translation>Un Esc que cierra un cuadro de diálogo no cuenta, así que salir de dos cuadros nunca cierra la aplicación: en un cuadro de diálogo, pulsa Esc tres veces o usa su botón Salida rápida.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
</context>
<context>
    <name>SetupFlow</name>
    <message>
        <source>Quick exit (Esc twice, or the Quick exit button) hides the window at once, saves what you were writing (encrypted), locks it and closes the program.</source>
        <translation>La salida rápida (Esc dos veces, o el botón Salida rápida) oculta la ventana al instante, guarda lo que escribías (cifrado), lo bloquea y cierra el programa.</translation>
    </message>
    <message>
        <source>Discreet mode: call the window “Notes” and use a plain icon</source>
        <translation>Modo discreto: llamar «Notas» a la ventana y usar un icono sencillo</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Look around with sample data first</source>
        <translation>Echar un vistazo primero con datos de ejemplo</translation>
    </message>
    <message>
        <source>Opens a made-up year of entries and check-ins in a window of its own. Nothing is kept, and your own journal is not made until you come back here.</source>
        <translation>Abre un año inventado de entradas y revisiones en una ventana propia. No se guarda nada, y tu propio diario no se crea hasta que vuelvas aquí.</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Choose a passphrase&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Elige una frase de contraseña&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Choose something that someone who knows you could not guess: not names, birthdays, pets or places. Several random words are easy to remember and hard to guess. There is no way to reset a forgotten passphrase unless you make a recovery key.</source>
        <translation>Elige algo que no pueda adivinar alguien que te conozca: ni nombres, ni cumpleaños, ni mascotas, ni lugares. Varias palabras al azar son fáciles de recordar y difíciles de adivinar. Una frase de contraseña olvidada no se puede restablecer, salvo que crees una clave de recuperación.</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Frase de contraseña nueva</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Repite la frase de contraseña</translation>
    </message>
    <message>
        <source>Type it again</source>
        <translation>Escríbela otra vez</translation>
    </message>
    <message>
        <source>Show what I type</source>
        <translation>Mostrar lo que escribo</translation>
    </message>
    <message>
        <source>Suggest a passphrase</source>
        <translation>Sugerir una frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Solidez de la frase de contraseña</translation>
    </message>
    <message>
        <source>Also make a recovery key (a code that opens the journal if you forget the passphrase)</source>
        <translation>Crear también una clave de recuperación (abre el diario si olvidas la frase)</translation>
    </message>
    <message>
        <source>Anyone who finds the recovery key can open your journal. Only make one if you can keep it somewhere safe.</source>
        <translation>Cualquiera que encuentre la clave de recuperación puede abrir tu diario. Créala solo si puedes guardarla en un lugar seguro.</translation>
    </message>
    <message>
        <source>Create my journal</source>
        <translation>Crear mi diario</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Your recovery key&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Tu clave de recuperación&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Write this down on paper now and keep it somewhere only you can reach. It is shown only once. Anyone who has it can open your journal.</source>
        <translation>Anótala ahora en papel y guárdala donde solo tú puedas llegar. Se muestra una sola vez. Cualquiera que la tenga puede abrir tu diario.</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clave de recuperación</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>I have written it down</source>
        <translation>Ya la he anotado</translation>
    </message>
    <message>
        <source>Start writing</source>
        <translation>Empezar a escribir</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Your journal file is missing&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Falta el archivo de tu diario&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Restore the newest backup</source>
        <translation>Restaurar la copia de seguridad más reciente</translation>
    </message>
    <message>
        <source>Start a new journal instead</source>
        <translation>Empezar un diario nuevo en su lugar</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to Unknot&lt;/h2&gt;
&lt;p&gt;Unknot is a private journal that stays on this computer. Before you start, here is what it can
and cannot do for you.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;What is inside.&lt;/b&gt; A blog article about trauma bonding and the six signs it lists, with
questions you can write about or skip; a private journal; a timeline that shows how your entries
and the signs change over time; and a weekly check-in, if you want one.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;What it is not.&lt;/b&gt; Unknot is not a replacement for professional care, and it cannot
diagnose anything. Help (F1) lists crisis lines and helplines, and you can open it now, before
you make a journal.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;What stays private.&lt;/b&gt; Everything you write, and when you wrote it, is locked with your
passphrase. Unknot never connects to the internet.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;What it cannot protect against.&lt;/b&gt; Spying software on this computer, and someone who uses
the computer while your journal is open. Lock it (Ctrl+L) or use quick exit when you step away.
{quick_exit}&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Traces it leaves.&lt;/b&gt; Folders named “Unknot” (the locked journal and its backups, settings,
and a cache), the installed program, and its menu entry. Files you choose to make are yours to
delete: a saved summary or export (not locked), and a printed recovery key. Someone who looks can
see that Unknot is installed, but not what you wrote. Settings shows the data folder and can
remove everything.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Discreet mode&lt;/b&gt; calls every window, the menu entry and the lock screen “Notes” and uses a
plain icon. It cannot hide the installed package, the program&apos;s name in a list of running
programs, a software centre&apos;s listing, or the folders&apos; names.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Portable mode.&lt;/b&gt; To keep everything in one folder, for example on a USB stick, start
Unknot with &lt;code&gt;--data-dir&lt;/code&gt; and that folder, or put a file named
&lt;code&gt;unknot-portable.txt&lt;/code&gt; beside the program.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Te damos la bienvenida a Unknot&lt;/h2&gt;
&lt;p&gt;Unknot es un diario privado que se queda en este ordenador. Antes de empezar, esto es lo que
puede y lo que no puede hacer por ti.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Qué contiene.&lt;/b&gt; Un artículo de blog sobre los vínculos traumáticos y las seis señales que
enumera, con preguntas sobre las que puedes escribir o que puedes saltar; un diario privado; una
cronología que muestra cómo cambian tus entradas y las señales con el tiempo; y una revisión
semanal, si quieres.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Qué no es.&lt;/b&gt; Unknot no sustituye la atención profesional y no puede diagnosticar nada. La
Ayuda (F1) recoge líneas de crisis y de ayuda, y puedes abrirla ahora, antes de crear un
diario.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Qué queda en privado.&lt;/b&gt; Todo lo que escribes, y cuándo lo escribiste, queda bloqueado con
tu frase de contraseña. Unknot nunca se conecta a internet.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Contra qué no puede protegerte.&lt;/b&gt; Programas espía en este ordenador, y alguien que use el
ordenador mientras tu diario está abierto. Bloquéalo (Ctrl+L) o usa la salida rápida cuando te
alejes.
{quick_exit}&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Rastros que deja.&lt;/b&gt; Carpetas llamadas «Unknot» (el diario bloqueado y sus copias de
seguridad, los ajustes y una caché), el programa instalado y su entrada en el menú. Los archivos
que decidas crear son tuyos y tú los borras: un resumen o una exportación guardados (sin
bloquear) y una clave de recuperación impresa. Quien mire puede ver que Unknot está instalado,
pero no lo que escribiste. Los Ajustes muestran la carpeta de datos y pueden borrarlo todo.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;El modo discreto&lt;/b&gt; llama «Notas» a cada ventana, a la entrada del menú y a la pantalla de
bloqueo, y usa un icono sencillo. No puede ocultar el paquete instalado, el nombre del programa
en una lista de programas en marcha, su ficha en una tienda de software ni los nombres de las
carpetas.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Modo portátil.&lt;/b&gt; Para tenerlo todo en una carpeta, por ejemplo en una memoria USB, inicia
Unknot con &lt;code&gt;--data-dir&lt;/code&gt; y esa carpeta, o pon un archivo llamado
&lt;code&gt;unknot-portable.txt&lt;/code&gt; junto al programa.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The journal file is not where it was, but %d backup(s) of it are here, the newest from %s. Type your passphrase to restore it and go on where you left off. If you start a new journal instead, these backups are kept apart, and the new journal&apos;s backups never replace them.</source>
        <translation>El archivo del diario no está donde estaba, pero aquí hay %d copia(s) de seguridad suya(s), la más reciente del %s. Escribe tu frase de contraseña para restaurarla y seguir donde lo dejaste. Si empiezas un diario nuevo, estas copias se guardan aparte, y las copias del diario nuevo nunca las sustituyen.</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>Restaurando la copia de seguridad…</translation>
    </message>
    <message>
        <source>Write it down or learn it, then type it again below.</source>
        <translation>Anótala o apréndetela y luego escríbela otra vez abajo.</translation>
    </message>
    <message>
        <source>Copied. The copy is cleared from the clipboard when you start writing or the journal locks.</source>
        <translation>Copiada. La copia se borra del portapapeles cuando empiezas a escribir o cuando el diario se bloquea.</translation>
    </message>
    <message>
        <source>Creating your journal…</source>
        <translation>Creando tu diario…</translation>
    </message>
</context>
<context>
    <name>SignCard</name>
    <message>
        <source>Sign {number}: {title}</source>
        <extracomment>About how many characters a line on a card may hold.</extracomment>
        <translation>Señal {number}: {title}</translation>
    </message>
    <message>
        <source>How often you tagged this sign lately</source>
        <translation>Cuántas veces marcaste esta señal últimamente</translation>
    </message>
    <message>
        <source>The article&apos;s words about this sign</source>
        <translation>Las palabras del artículo sobre esta señal</translation>
    </message>
    <message>
        <source>The article says:</source>
        <translation>El artículo dice (en inglés, tal como se publicó):</translation>
    </message>
    <message>
        <source>The article&apos;s words</source>
        <translation>Las palabras del artículo</translation>
    </message>
    <message>
        <source>The article&apos;s description</source>
        <translation>La descripción del artículo</translation>
    </message>
    <message>
        <source>To reflect on, if it helps:</source>
        <translation>Para reflexionar, si te ayuda:</translation>
    </message>
    <message>
        <source>Write about this</source>
        <translation>Escribir sobre esto</translation>
    </message>
    <message>
        <source>Write about this: {prompt}</source>
        <translation>Escribir sobre esto: {prompt}</translation>
    </message>
    <message>
        <source>Write without a prompt</source>
        <translation>Escribir sin pregunta</translation>
    </message>
    <message>
        <source>Write about this sign without a prompt</source>
        <translation>Escribir sobre esta señal sin pregunta</translation>
    </message>
    <message>
        <source>Hide what the article says</source>
        <translation>Ocultar lo que dice el artículo</translation>
    </message>
    <message>
        <source>Hide what the article says about sign {number}</source>
        <translation>Ocultar lo que dice el artículo sobre la señal {number}</translation>
    </message>
    <message>
        <source>Show what the article says</source>
        <translation>Mostrar lo que dice el artículo</translation>
    </message>
    <message>
        <source>Show what the article says about sign {number}</source>
        <translation>Mostrar lo que dice el artículo sobre la señal {number}</translation>
    </message>
    <message>
        <source>Not tagged in the last 30 days</source>
        <translation>Sin marcar en los últimos 30 días</translation>
    </message>
    <message>
        <source>Tagged once in the last 30 days</source>
        <translation>Marcada una vez en los últimos 30 días</translation>
    </message>
    <message>
        <source>Tagged {count} times in the last 30 days</source>
        <translation>Marcada {count} veces en los últimos 30 días</translation>
    </message>
</context>
<context>
    <name>SignsPane</name>
    <message>
        <source>Counts follow how much you wrote. A higher count can mean it felt safer to write, not that the sign grew stronger.</source>
        <translation>Los recuentos siguen a cuánto escribiste. Un recuento más alto puede significar que te sentías más a salvo para escribir, no que la señal se hiciera más fuerte.</translation>
    </message>
    <message>
        <source>The six signs</source>
        <translation>Las seis señales</translation>
    </message>
    <message>
        <source>These are the six signs the article lists. They are not a test and not a diagnosis. On each card the article&apos;s own words are folded away: open them only if and when you want to. The questions below them are Unknot&apos;s, here in case they help; skip any of them, or write about something else.</source>
        <translation>Estas son las seis señales que enumera el artículo. No son un test ni un diagnóstico. En cada tarjeta, las palabras del propio artículo están plegadas: ábrelas solo si quieres y cuando quieras. Las preguntas de debajo son de Unknot y están aquí por si ayudan; salta las que quieras o escribe sobre otra cosa.</translation>
    </message>
    <message>
        <source>About the counts</source>
        <translation>Sobre los recuentos</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>This is already open in another window.</source>
        <translation>Esto ya está abierto en otra ventana.</translation>
    </message>
    <message>
        <source>Only one window can write at a time, so that nothing written in one is lost in the other. Please use the window that is open (look for it on the taskbar); this one closes now.</source>
        <translation>Solo una ventana puede escribir a la vez, para que nada de lo escrito en una se pierda en la otra. Usa la ventana que está abierta (búscala en la barra de tareas); esta se cierra ahora.</translation>
    </message>
</context>
<context>
    <name>SummaryDialog</name>
    <message>
        <source>Summary to share</source>
        <translation>Resumen para compartir</translation>
    </message>
    <message>
        <source>Choose what to bring to a session. Nothing leaves Unknot unless you show it or save it, and Unknot never sends it anywhere. No entry is included unless you tick it.</source>
        <translation>Elige qué llevar a una sesión. Nada sale de Unknot salvo que lo muestres o lo guardes, y Unknot nunca lo envía a ningún sitio. No se incluye ninguna entrada que no marques.</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>to</source>
        <translation>al</translation>
    </message>
    <message>
        <source>For these dates the summary always shows, week by week, how many entries you wrote, how many named each sign and your average mood — never what the entries say — and your weekly check-in ratings (not their notes). A ticked entry is shown with its words, signs, mood and tags.</source>
        <translation>Para estas fechas, el resumen muestra siempre, semana a semana, cuántas entradas escribiste, cuántas nombraron cada señal y tu ánimo medio (nunca lo que dicen las entradas), y las respuestas de tus revisiones semanales (no sus notas). Una entrada marcada se muestra con sus palabras, señales, ánimo y etiquetas.</translation>
    </message>
    <message>
        <source>Entries to include</source>
        <translation>Entradas que incluir</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>Marcar todas</translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation>Desmarcar todas</translation>
    </message>
    <message>
        <source>Show on screen</source>
        <translation>Mostrar en pantalla</translation>
    </message>
    <message>
        <source>Full screen, saved nowhere — for going through it together in a session</source>
        <translation>A pantalla completa, sin guardarse en ningún sitio: para repasarlo juntos en una sesión</translation>
    </message>
    <message>
        <source>Save protected PDF…</source>
        <translation>Guardar PDF protegido…</translation>
    </message>
    <message>
        <source>A PDF that opens only with a one-time passphrase of a few words, shown to you once when it is saved</source>
        <translation>Un PDF que solo se abre con una frase de contraseña de un solo uso de unas pocas palabras, que se te muestra una vez al guardarlo</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Save as Markdown…</source>
        <translation>Guardar como Markdown…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Fechas:</translation>
    </message>
    <message>
        <source>Entries to include:</source>
        <translation>Entradas que incluir:</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <source>No entries in these dates.</source>
        <translation>No hay entradas en estas fechas.</translation>
    </message>
    <message>
        <source>%d of %d entries ticked.</source>
        <translation>%d de %d entradas marcadas.</translation>
    </message>
    <message>
        <source>Save a copy that is not encrypted?</source>
        <translation>¿Guardar una copia sin cifrar?</translation>
    </message>
    <message>
        <source>A saved summary is not encrypted. Anyone who can open this computer&apos;s files can read it until you delete it, and a file you give to a therapist can become part of their records.

A protected PDF opens only with a passphrase that Unknot shows you once. To go through it together without a file, use “Show on screen”.</source>
        <translation>Un resumen guardado no está cifrado. Cualquiera que pueda abrir los archivos de este ordenador puede leerlo hasta que lo borres, y un archivo que entregues a un terapeuta puede pasar a formar parte de sus registros.

Un PDF protegido solo se abre con una frase de contraseña que Unknot te muestra una vez. Para repasarlo juntos sin un archivo, usa «Mostrar en pantalla».</translation>
    </message>
    <message>
        <source>Save protected PDF instead…</source>
        <translation>Guardar un PDF protegido en su lugar…</translation>
    </message>
    <message>
        <source>Choose where to save…</source>
        <translation>Elegir dónde guardar…</translation>
    </message>
    <message>
        <source>Save a protected copy</source>
        <translation>Guardar una copia protegida</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Guardar una copia</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Markdown text (*.md)</source>
        <translation>Texto Markdown (*.md)</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>No se guardó nada.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved to %s. It is not encrypted: delete it when you no longer need it.</source>
        <translation>Guardado en %s. No está cifrado: bórralo cuando ya no lo necesites.</translation>
    </message>
    <message>
        <source>Saved a protected PDF to %s. It opens only with the passphrase that was shown once.</source>
        <translation>Se guardó un PDF protegido en %s. Solo se abre con la frase de contraseña que se mostró una vez.</translation>
    </message>
    <message>
        <source>The passphrase for this file</source>
        <translation>La frase de contraseña de este archivo</translation>
    </message>
    <message>
        <source>The protected PDF opens only with this passphrase:</source>
        <translation>El PDF protegido solo se abre con esta frase de contraseña:</translation>
    </message>
    <message>
        <source>Read it out to your therapist in your session, or write it on paper for them; any PDF reader asks for it when the file is opened. Unknot shows it only now and keeps no copy: without it nobody can open the file, you included. Another protected copy gets new words.</source>
        <translation>Léesela a tu terapeuta en la sesión o escríbesela en papel; cualquier lector de PDF la pide al abrir el archivo. Unknot la muestra solo ahora y no guarda ninguna copia: sin ella nadie puede abrir el archivo, tampoco tú. Otra copia protegida recibe palabras nuevas.</translation>
    </message>
    <message>
        <source>The summary was not saved: %s</source>
        <translation>El resumen no se guardó: %s</translation>
    </message>
</context>
<context>
    <name>SummaryViewer</name>
    <message>
        <source>Summary to share</source>
        <translation>Resumen para compartir</translation>
    </message>
    <message>
        <source>Shown on screen only — nothing is saved.</source>
        <translation>Solo se muestra en pantalla: no se guarda nada.</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Copies from a sync program</source>
        <translation>Copias de un programa de sincronización</translation>
    </message>
    <message>
        <source>Beside your journal there are %d copies made by a sync program (for example when two computers changed it at the same time). Unknot can bring their entries in: nothing in your journal is lost, and the copies are kept in the backups folder.</source>
        <translation>Junto a tu diario hay %d copias creadas por un programa de sincronización (por ejemplo, cuando dos ordenadores lo cambiaron a la vez). Unknot puede traer sus entradas: no se pierde nada de tu diario, y las copias se guardan en la carpeta de copias de seguridad.</translation>
    </message>
    <message>
        <source>Bring their entries in…</source>
        <translation>Traer sus entradas…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Open the copies</source>
        <translation>Abrir las copias</translation>
    </message>
    <message>
        <source>The passphrase that opens the copies (usually your current one):</source>
        <translation>La frase de contraseña que abre las copias (normalmente la actual):</translation>
    </message>
    <message>
        <source>Copies merged</source>
        <translation>Copias combinadas</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>Reflection timeline chart</source>
        <translation>Gráfico de la cronología de reflexión</translation>
    </message>
    <message>
        <source>No weeks to show yet.</source>
        <translation>Aún no hay semanas que mostrar.</translation>
    </message>
</context>
<context>
    <name>TimelineController</name>
    <message>
        <source>%s in this range. The counts follow how much was written: a higher count can mean it felt safer to write, not that more happened.</source>
        <translation>%s en este periodo. Los recuentos siguen a cuánto se escribió: un recuento más alto puede significar que se sentía más a salvo para escribir, no que pasara más.</translation>
    </message>
</context>
<context>
    <name>TimelinePane</name>
    <message>
        <source>Past month</source>
        <translation>Último mes</translation>
    </message>
    <message>
        <source>Past 3 months</source>
        <translation>Últimos 3 meses</translation>
    </message>
    <message>
        <source>Past year</source>
        <translation>Último año</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>Reflection timeline</source>
        <translation>Cronología de reflexión</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>Back to the journal</source>
        <translation>Volver al diario</translation>
    </message>
    <message>
        <source>Each square is a week. The stronger its shade, the more entries were tagged with the sign (the number is written in when there is room). The bar at its foot is that week&apos;s check-in answer, from “Not at all” (short) to “Very much” (full). The line below is the average mood of the week&apos;s entries. Click a square, or use the arrow keys and Enter, to see that week&apos;s entries.</source>
        <translation>Cada cuadro es una semana. Cuanto más intenso es su tono, más entradas se marcaron con la señal (el número aparece cuando cabe). La barra de su base es la respuesta de la revisión de esa semana, de «Nada» (corta) a «Muchísimo» (llena). La línea de abajo es el ánimo medio de las entradas de la semana. Haz clic en un cuadro, o usa las flechas e Intro, para ver las entradas de esa semana.</translation>
    </message>
    <message>
        <source>Journaling summary</source>
        <translation>Resumen de lo escrito</translation>
    </message>
</context>
<context>
    <name>TimelineRenderer</name>
    <message>
        <source>Week of %1 (to %2)</source>
        <extracomment>Month labels go on every month, or every 2nd, 3rd, 6th or 12th when they would not fit: always the same step across the axis, counted from January.</extracomment>
        <translation>Semana del %1 (al %2)</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Escritas: %1</translation>
    </message>
    <message>
        <source>%1: named in %2.</source>
        <translation>%1: nombrada en %2.</translation>
    </message>
    <message>
        <source>Check-in answer: %1</source>
        <translation>Respuesta de la revisión: %1</translation>
    </message>
    <message>
        <source>Check-in answer: skipped</source>
        <translation>Respuesta de la revisión: saltada</translation>
    </message>
    <message>
        <source>Mood of the week&apos;s entries: %1</source>
        <translation>Ánimo de las entradas de la semana: %1</translation>
    </message>
    <message>
        <source>Nothing to show yet. Entries and check-ins will appear here.</source>
        <translation>Aún no hay nada que mostrar. Las entradas y las revisiones aparecerán aquí.</translation>
    </message>
    <message>
        <source>Entries written</source>
        <translation>Entradas escritas</translation>
    </message>
    <message>
        <source>Mood: very good</source>
        <translation>Ánimo: muy bueno</translation>
    </message>
    <message>
        <source>very low</source>
        <translation>muy bajo</translation>
    </message>
</context>
<context>
    <name>UnlockController</name>
    <message>
        <source>This is a sample journal with made-up entries. Its passphrase is: %s</source>
        <translation>Este es un diario de ejemplo con entradas inventadas. Su frase de contraseña es: %s</translation>
    </message>
    <message>
        <source>Choose a new passphrase</source>
        <translation>Elige una frase de contraseña nueva</translation>
    </message>
    <message>
        <source>You opened the journal with the recovery key. Choose a new passphrase now: every entry is locked again with a new key, and a new recovery key is shown once (the one you typed stops working).</source>
        <translation>Abriste el diario con la clave de recuperación. Elige ahora una frase de contraseña nueva: todas las entradas se vuelven a bloquear con una clave nueva, y se muestra una vez una clave de recuperación nueva (la que escribiste deja de funcionar).</translation>
    </message>
    <message>
        <source>Your new passphrase opens the journal. Every entry was locked again with a new key, and %d older backup(s) were removed.</source>
        <translation>Tu nueva frase de contraseña abre el diario. Todas las entradas se volvieron a bloquear con una clave nueva, y se borraron %d copia(s) de seguridad antigua(s).</translation>
    </message>
    <message>
        <source>The recovery key you typed no longer opens the journal: this new one does.</source>
        <translation>La clave de recuperación que escribiste ya no abre el diario: esta nueva sí.</translation>
    </message>
    <message>
        <source>Passphrase changed</source>
        <translation>Frase de contraseña cambiada</translation>
    </message>
</context>
</TS>
