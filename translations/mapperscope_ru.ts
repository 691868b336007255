<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Bench</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>--objects must be at least 1</source>
        <translation>значение --objects должно быть не меньше 1</translation>
    </message>
    <message>
        <source>cannot make a temporary directory: %1</source>
        <translation>не удаётся создать временный каталог: %1</translation>
    </message>
    <message>
        <source>%1 already exists; the bench creates its own file and removes it afterwards, so give a path that does not exist</source>
        <translation>%1 уже существует; команда bench создаёт собственный файл и затем удаляет его, поэтому укажите путь, которого не существует</translation>
    </message>
    <message>
        <source>dispatch</source>
        <translation>диспетчеризация</translation>
    </message>
    <message>
        <source>dispatch: %1 listener calls for %2 firings</source>
        <translation>диспетчеризация: %1 вызовов слушателей на %2 срабатываний</translation>
    </message>
    <message>
        <source>raw insert</source>
        <translation>прямая вставка</translation>
    </message>
    <message>
        <source>cannot open %1</source>
        <translation>не удаётся открыть %1</translation>
    </message>
    <message>
        <source>insert</source>
        <translation>вставка</translation>
    </message>
    <message>
        <source>load</source>
        <translation>загрузка</translation>
    </message>
    <message>
        <source>load: %1 objects instead of %2</source>
        <translation>загрузка: %1 объектов вместо %2</translation>
    </message>
    <message>
        <source>raw load</source>
        <translation>прямая загрузка</translation>
    </message>
    <message>
        <source>raw load: %1 rows instead of %2</source>
        <translation>прямая загрузка: %1 строк вместо %2</translation>
    </message>
    <message>
        <source>update</source>
        <translation>обновление</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>удаление</translation>
    </message>
    <message>
        <source>delete: %1 rows left</source>
        <translation>удаление: осталось строк: %1</translation>
    </message>
    <message>
        <source>floor insert</source>
        <translation>вставка через C API</translation>
    </message>
    <message>
        <source>floor load</source>
        <translation>загрузка через C API</translation>
    </message>
    <message>
        <source>raw update</source>
        <translation>прямое обновление</translation>
    </message>
    <message>
        <source>raw delete</source>
        <translation>прямое удаление</translation>
    </message>
    <message>
        <source>floor load: %1 rows instead of %2</source>
        <translation>загрузка через C API: %1 строк вместо %2</translation>
    </message>
    <message>
        <source>raw select+delete</source>
        <translation>прямые SELECT и DELETE</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>List the problems of a project file</source>
        <translation>Показать проблемы файла проекта</translation>
    </message>
    <message>
        <source>Print the CREATE TABLE statements of a project</source>
        <translation>Вывести операторы CREATE TABLE для проекта</translation>
    </message>
    <message>
        <source>List the hooks Mapperscope fires (the event catalogue)</source>
        <translation>Показать хуки, которые вызывает Mapperscope (каталог событий)</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Команды:</translation>
    </message>
    <message>
        <source>Mapperscope&apos;s headless runner: check, map and play projects without a window.</source>
        <translation>Консольный запуск Mapperscope: проверка, маппинг и воспроизведение проектов без окна.</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>неизвестная команда &quot;%1&quot;</translation>
    </message>
    <message>
        <source>List the problems of a project file. Exit status: 0 no problems, 1 problems, 2 the file cannot be read.</source>
        <translation>Показать проблемы файла проекта. Код возврата: 0 — проблем нет, 1 — есть проблемы, 2 — файл не удаётся прочитать.</translation>
    </message>
    <message>
        <source>the project file (.msproj)</source>
        <translation>файл проекта (.msproj)</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>ошибка: %1</translation>
    </message>
    <message>
        <source>problems found: %1</source>
        <translation>найдено проблем: %1</translation>
    </message>
    <message>
        <source>%1: no problems (classes: %2)</source>
        <translation>%1: проблем нет (классов: %2)</translation>
    </message>
    <message>
        <source>Print the CREATE TABLE statements of a project, in the order the tables must be created.</source>
        <translation>Вывести операторы CREATE TABLE для проекта в том порядке, в котором нужно создавать таблицы.</translation>
    </message>
    <message>
        <source>the Qt SQL driver: QSQLITE (default) or QPSQL</source>
        <translation>драйвер Qt SQL: QSQLITE (по умолчанию) или QPSQL</translation>
    </message>
    <message>
        <source>error: unsupported driver &quot;%1&quot;; use QSQLITE or QPSQL</source>
        <translation>ошибка: драйвер &quot;%1&quot; не поддерживается; используйте QSQLITE или QPSQL</translation>
    </message>
    <message>
        <source>List every hook Mapperscope fires, by category.</source>
        <translation>Показать все хуки, которые вызывает Mapperscope, по категориям.</translation>
    </message>
    <message>
        <source>also print what each hook is for</source>
        <translation>также вывести назначение каждого хука</translation>
    </message>
    <message>
        <source>  [Ming]</source>
        <translation>  [Ming]</translation>
    </message>
    <message>
        <source>usage: mapperscope-cli %1</source>
        <translation>использование: mapperscope-cli %1</translation>
    </message>
    <message>
        <source>Play a scenario of a project and write its event trace (JSON Lines)</source>
        <translation>Воспроизвести сценарий проекта и записать трассировку его событий (JSON Lines)</translation>
    </message>
    <message>
        <source>Play a scenario of a project against a fresh database and write the event trace. Exit status: 0 when every step did what it should, 1 when a step failed that was not expected to (or the database could not be used), 2 for a bad project.</source>
        <translation>Воспроизвести сценарий проекта на новой базе данных и записать трассировку событий. Код возврата: 0 — каждый шаг сделал то, что должен, 1 — ошибкой завершился шаг, от которого ошибки не ожидалось (или базу данных не удалось использовать), 2 — некорректный проект.</translation>
    </message>
    <message>
        <source>the scenario to play (default: the first)</source>
        <translation>сценарий для воспроизведения (по умолчанию — первый)</translation>
    </message>
    <message>
        <source>where to write the trace; - for standard output</source>
        <translation>куда записать трассировку; - для стандартного вывода</translation>
    </message>
    <message>
        <source>the database: sqlite::memory: (default), sqlite:PATH or postgresql://user:password@host:port/database</source>
        <translation>база данных: sqlite::memory: (по умолчанию), sqlite:PATH или postgresql://user:password@host:port/database</translation>
    </message>
    <message>
        <source>the project has no scenario to play</source>
        <translation>в проекте нет сценария для воспроизведения</translation>
    </message>
    <message>
        <source>no scenario is named &quot;%1&quot; (there are: %2)</source>
        <translation>нет сценария с именем &quot;%1&quot; (есть: %2)</translation>
    </message>
    <message>
        <source>error: cannot write the trace: %1</source>
        <translation>ошибка: не удаётся записать трассировку: %1</translation>
    </message>
    <message>
        <source>Time the engine&apos;s workloads against raw Qt SQL (performance.md)</source>
        <translation>Замерить время рабочих нагрузок движка в сравнении с прямым Qt SQL (performance.md)</translation>
    </message>
    <message>
        <source>how many objects (default 100000)</source>
        <translation>число объектов (по умолчанию 100000)</translation>
    </message>
    <message>
        <source>the SQLite file to create and remove (default: one in a temporary directory)</source>
        <translation>файл SQLite, который будет создан и удалён (по умолчанию — файл во временном каталоге)</translation>
    </message>
    <message>
        <source>print one JSON object instead of a table</source>
        <translation>вывести один объект JSON вместо таблицы</translation>
    </message>
    <message>
        <source>error: --objects needs a whole number of at least 1, not &quot;%1&quot;</source>
        <translation>ошибка: для --objects нужно целое число не меньше 1, а не &quot;%1&quot;</translation>
    </message>
    <message>
        <source>bench: %1</source>
        <translation>bench: %1</translation>
    </message>
    <message>
        <source>key</source>
        <translation>ключ</translation>
    </message>
    <message>
        <source>value</source>
        <translation>значение</translation>
    </message>
    <message>
        <source>target</source>
        <translation>цель</translation>
    </message>
    <message>
        <source>met</source>
        <translation>достигнута</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>НЕТ</translation>
    </message>
    <message>
        <source>keep at most this many events (default %1); the trace then starts at the oldest kept</source>
        <translation>хранить не больше стольких событий (по умолчанию %1); трасса тогда начинается с самого старого сохранённого</translation>
    </message>
    <message>
        <source>error: --log-limit wants a number of events of at least 1, not &quot;%1&quot;</source>
        <translation>ошибка: --log-limit ожидает число событий не меньше 1, а не «%1»</translation>
    </message>
    <message>
        <source>the event log&apos;s limit (default %1): past it the oldest events are dropped</source>
        <translation>предел журнала событий (по умолчанию %1): сверх него самые старые события отбрасываются</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>отношение</translation>
    </message>
    <message>
        <source>%1 x %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>objects: %1</source>
        <translation>объектов: %1</translation>
    </message>
    <message>
        <source>Time the workloads of performance.md in one process: insert, load, update and delete N objects through the ORM with the recorder on and a listener on every hook, beside the same rows through prepared QSqlQuery loops (raw_*) and through the sqlite3 C API (floor_*), the cost of firing a hook, and the memory of the event log and of the process. Exit status: 0 when it ran (whether or not the targets hold; see targets_met), 1 when a workload failed.</source>
        <translation>Замерить в одном процессе время рабочих нагрузок из performance.md: вставку, загрузку, обновление и удаление N объектов через ORM с включённой записью событий и слушателем на каждом хуке в сравнении с теми же строками через циклы с подготовленным QSqlQuery (raw_*) и через C API sqlite3 (floor_*), стоимость срабатывания хука, а также память журнала событий и процесса. Код возврата: 0 — замер выполнен (независимо от того, достигнуты ли целевые значения; см. targets_met), 1 — одна из нагрузок завершилась ошибкой.</translation>
    </message>
    <message>
        <source>Write the project as a SQLAlchemy program that plays its scenarios</source>
        <translation>Записать проект как программу на SQLAlchemy, которая проигрывает его сценарии</translation>
    </message>
    <message>
        <source>Write the project as one Python module for SQLAlchemy 1.4 (it runs on 2.0 too): its classes, its listeners and its scenarios. Run the module with python3 to play a scenario on an in-memory SQLite database and print its event trace.</source>
        <translation>Записать проект одним модулем Python для SQLAlchemy 1.4 (работает и на 2.0): его классы, слушатели и сценарии. Запустите модуль через python3, чтобы проиграть сценарий на базе SQLite в памяти и вывести его трассу событий.</translation>
    </message>
    <message>
        <source>the Python file to write (- for the output)</source>
        <translation>файл Python для записи (- для вывода)</translation>
    </message>
    <message>
        <source>error: cannot write %1: %2</source>
        <translation>ошибка: не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>wrote %1 (%2 scenarios): python3 %1 --list</source>
        <translation>записан %1 (сценариев: %2): python3 %1 --list</translation>
    </message>
    <message>
        <source>Play a scenario on the engine and on SQLAlchemy and compare the traces</source>
        <translation>Проиграть сценарий на движке и на SQLAlchemy и сравнить трассы</translation>
    </message>
    <message>
        <source>Play a scenario on the engine and on SQLAlchemy (the module `export` writes, run by Python 3 with SQLAlchemy 1.4) and compare the two traces with trace_compare.py&apos;s rules. Prints match, or where they first differ. Exit status: 0 they match, 1 they differ, 2 bad arguments, an unreadable project or no SQLAlchemy to compare with.</source>
        <translation>Проиграть сценарий на движке и на SQLAlchemy (модуль, который пишет `export`, запускается Python 3 с SQLAlchemy 1.4) и сравнить две трассы по правилам trace_compare.py. Выводит match или первое расхождение. Код выхода: 0 совпадают, 1 расходятся, 2 неверные аргументы, нечитаемый проект или нет SQLAlchemy для сравнения.</translation>
    </message>
    <message>
        <source>every scenario of the project</source>
        <translation>все сценарии проекта</translation>
    </message>
    <message>
        <source>match (%1 steps)</source>
        <translation>match (шагов: %1)</translation>
    </message>
    <message>
        <source>Read the tables of a database into a new project</source>
        <translation>Прочитать таблицы базы данных в новый проект</translation>
    </message>
    <message>
        <source>Read the tables of an SQLite file or a PostgreSQL database into a new project: columns, types, primary keys, NOT NULL, UNIQUE, defaults and foreign keys (each a many-to-one with a one-to-many backref). What the model cannot express yet is listed and left out. Exit status: 0 written, 1 the database or the file failed, 2 bad arguments or an existing file without --force.</source>
        <translation>Прочитать таблицы файла SQLite или базы PostgreSQL в новый проект: столбцы, типы, первичные ключи, NOT NULL, UNIQUE, значения по умолчанию и внешние ключи (каждый — многие-к-одному с обратной связью один-ко-многим). То, что модель пока не умеет выразить, перечисляется и пропускается. Код выхода: 0 записано, 1 ошибка базы или файла, 2 неверные аргументы или существующий файл без --force.</translation>
    </message>
    <message>
        <source>sqlite:PATH or postgresql://user:password@host:port/database</source>
        <translation>sqlite:ПУТЬ или postgresql://пользователь:пароль@хост:порт/база</translation>
    </message>
    <message>
        <source>the project file to write</source>
        <translation>файл проекта для записи</translation>
    </message>
    <message>
        <source>replace an existing project file</source>
        <translation>заменить существующий файл проекта</translation>
    </message>
    <message>
        <source>an in-memory database has no tables to import; name a file (sqlite:PATH)</source>
        <translation>в базе в памяти нет таблиц для импорта; укажите файл (sqlite:ПУТЬ)</translation>
    </message>
    <message>
        <source>error: %1 exists; --force replaces it</source>
        <translation>ошибка: %1 уже существует; --force заменит его</translation>
    </message>
    <message>
        <source>left out: %1</source>
        <translation>пропущено: %1</translation>
    </message>
    <message>
        <source>wrote %1: %2 classes: %3</source>
        <translation>записан %1: классов: %2: %3</translation>
    </message>
    <message>
        <source>Compare two event traces step by step: the events and statements that differ</source>
        <translation>Сравнить две трассы событий по шагам: различающиеся события и операторы</translation>
    </message>
    <message>
        <source>validate, ddl, export, import, verify, run, diff, events or bench</source>
        <translation>validate, ddl, export, import, verify, run, diff, events или bench</translation>
    </message>
    <message>
        <source>Compare two event traces (written by run or File &gt; Export) step by step: two scenarios, or one scenario under two settings. Prints a table of the steps with their statement counts, a * where they differ, then the events of the differing steps: - only in A, + only in B. Exit status: 0 the same, 1 they differ, 2 bad arguments or an unreadable trace.</source>
        <translation>Сравнить две трассы событий (записанные командой run или через Файл &gt; Экспорт) по шагам: два сценария или один сценарий при двух настройках. Печатает таблицу шагов с числом операторов и * там, где они различаются, затем события различающихся шагов: - только в A, + только в B. Код выхода: 0 одинаковы, 1 различаются, 2 неверные аргументы или нечитаемая трасса.</translation>
    </message>
    <message>
        <source>print every step&apos;s events, not only the differing ones</source>
        <translation>печатать события каждого шага, а не только различающихся</translation>
    </message>
    <message>
        <source>the first trace (.jsonl)</source>
        <translation>первая трасса (.jsonl)</translation>
    </message>
    <message>
        <source>the second trace (.jsonl)</source>
        <translation>вторая трасса (.jsonl)</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>предупреждение: %1</translation>
    </message>
</context>
<context>
    <name>ColumnValue</name>
    <message>
        <source>%1 is not a valid %2 value</source>
        <translation>%1 — недопустимое значение для типа %2</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>the Qt SQL driver %1 is not installed (available: %2)</source>
        <translation>драйвер Qt SQL %1 не установлен (доступны: %2)</translation>
    </message>
    <message>
        <source>cannot open the database: %1</source>
        <translation>не удаётся открыть базу данных: %1</translation>
    </message>
    <message>
        <source>the database is not open</source>
        <translation>база данных не открыта</translation>
    </message>
    <message>
        <source>cannot begin a transaction: %1</source>
        <translation>не удаётся начать транзакцию: %1</translation>
    </message>
    <message>
        <source>the database refused the commit: %1</source>
        <translation>база данных отклонила фиксацию: %1</translation>
    </message>
    <message>
        <source>the database refused the rollback: %1</source>
        <translation>база данных отклонила откат: %1</translation>
    </message>
    <message>
        <source>injected failure</source>
        <translation>внедрённый сбой</translation>
    </message>
    <message>
        <source>the database connection is closed</source>
        <translation>соединение с базой данных закрыто</translation>
    </message>
    <message>
        <source>the database connection is closed: %1</source>
        <translation>соединение с базой данных закрыто: %1</translation>
    </message>
    <message>
        <source>the database refused the statement without saying why</source>
        <translation>база данных отвергла запрос, не сообщив причину</translation>
    </message>
    <message>
        <source>unknown isolation level &quot;%1&quot;</source>
        <translation>неизвестный уровень изоляции &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot set up the connection: %1</source>
        <translation>не удалось настроить соединение: %1</translation>
    </message>
</context>
<context>
    <name>DatabaseImport</name>
    <message>
        <source>%1: the unique constraint over (%2) is left out (the model has unique columns, not unique groups)</source>
        <translation>%1: ограничение уникальности по (%2) пропущено (в модели есть уникальные столбцы, но не группы)</translation>
    </message>
    <message>
        <source>the database is not open</source>
        <translation>база данных не открыта</translation>
    </message>
    <message>
        <source>cannot read the tables: %1</source>
        <translation>не удаётся прочитать таблицы: %1</translation>
    </message>
    <message>
        <source>%1: left out: it has no primary key</source>
        <translation>%1: пропущена: у неё нет первичного ключа</translation>
    </message>
    <message>
        <source>%1: left out: its primary key %2 is of type %3, which the model does not have</source>
        <translation>%1: пропущена: её первичный ключ %2 имеет тип %3, которого нет в модели</translation>
    </message>
    <message>
        <source>%1 is not imported</source>
        <translation>%1 не импортируется</translation>
    </message>
    <message>
        <source>it references %1.%2, not the primary key</source>
        <translation>он ссылается на %1.%2, а не на первичный ключ</translation>
    </message>
    <message>
        <source>%1.%2: the foreign key is left out, the column kept: %3</source>
        <translation>%1.%2: внешний ключ пропущен, столбец оставлен: %3</translation>
    </message>
    <message>
        <source>%1.%2: left out: type %3 is not one the model has</source>
        <translation>%1.%2: пропущен: типа %3 нет в модели</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>%1.%2: its default %3 is an expression: left out</source>
        <translation>%1.%2: значение по умолчанию %3 — выражение: пропущено</translation>
    </message>
    <message>
        <source>table %1 needs a class name</source>
        <translation>таблице %1 нужно имя класса</translation>
    </message>
    <message>
        <source>two tables would become class %1</source>
        <translation>две таблицы стали бы классом %1</translation>
    </message>
    <message>
        <source>table %1 (class %2) is missing</source>
        <translation>таблицы %1 (класс %2) нет</translation>
    </message>
    <message>
        <source>%1: the column is missing</source>
        <translation>%1: столбца нет</translation>
    </message>
    <message>
        <source>%1: %2 in the database, %3 in the model</source>
        <translation>%1: %2 в базе, %3 в модели</translation>
    </message>
    <message>
        <source>%1: the model&apos;s primary key is not the table&apos;s</source>
        <translation>%1: первичный ключ модели не совпадает с ключом таблицы</translation>
    </message>
    <message>
        <source>%1: the table&apos;s primary key is not the model&apos;s</source>
        <translation>%1: первичный ключ таблицы не совпадает с ключом модели</translation>
    </message>
    <message>
        <source>%1: NOT NULL in the model, not in the database</source>
        <translation>%1: NOT NULL в модели, но не в базе</translation>
    </message>
    <message>
        <source>%1: NOT NULL in the database, not in the model</source>
        <translation>%1: NOT NULL в базе, но не в модели</translation>
    </message>
    <message>
        <source>%1: UNIQUE in the database, not in the model</source>
        <translation>%1: UNIQUE в базе, но не в модели</translation>
    </message>
    <message>
        <source>%1: UNIQUE in the model, not in the database</source>
        <translation>%1: UNIQUE в модели, но не в базе</translation>
    </message>
    <message>
        <source>%1: the foreign key to %2 is missing</source>
        <translation>%1: внешнего ключа на %2 нет</translation>
    </message>
    <message>
        <source>%1: the foreign key goes to %2, not %3</source>
        <translation>%1: внешний ключ ведёт на %2, а не на %3</translation>
    </message>
    <message>
        <source>%1.%2: NOT NULL without a default, and not in the model: an INSERT would fail</source>
        <translation>%1.%2: NOT NULL без значения по умолчанию и нет в модели: INSERT завершится ошибкой</translation>
    </message>
    <message>
        <source>it links %1 to itself (a many-to-many of a class to itself comes later)</source>
        <translation>она связывает %1 с самой собой (многие-ко-многим класса с самим собой появится позже)</translation>
    </message>
    <message>
        <source>its columns are not named %1 and %2, as Mapperscope names an association table&apos;s</source>
        <translation>её столбцы называются не %1 и %2, как Mapperscope называет столбцы таблицы связи</translation>
    </message>
    <message>
        <source>%1: left out: %2</source>
        <translation>%1: пропущена: %2</translation>
    </message>
    <message>
        <source>the columns %1 and %2 of association table %3 are named after the classes %4 and %5: keep those names (a change of case only is fine)</source>
        <translation>столбцы %1 и %2 таблицы связи %3 названы по классам %4 и %5: оставьте эти имена (менять можно только регистр)</translation>
    </message>
    <message>
        <source>%1 has a composite primary key, which a foreign key of one column cannot reference</source>
        <translation>у %1 составной первичный ключ, на который не может ссылаться внешний ключ из одного столбца</translation>
    </message>
    <message>
        <source>its two foreign keys are not its two primary key columns</source>
        <translation>её два внешних ключа — не два столбца её первичного ключа</translation>
    </message>
    <message>
        <source>%1 has a composite primary key</source>
        <translation>у %1 составной первичный ключ</translation>
    </message>
    <message>
        <source>its columns do not reference the primary key of %1 in the order of their columns</source>
        <translation>его столбцы ссылаются на первичный ключ %1 не в порядке своих столбцов</translation>
    </message>
    <message>
        <source>a second foreign key of several columns to %1 (the model takes one)</source>
        <translation>второй внешний ключ из нескольких столбцов к %1 (модель принимает один)</translation>
    </message>
    <message>
        <source>%1: the foreign key of several columns to %2 is left out, the columns kept: %3</source>
        <translation>%1: внешний ключ из нескольких столбцов к %2 пропущен, столбцы сохранены: %3</translation>
    </message>
</context>
<context>
    <name>Ddl</name>
    <message>
        <source>an SQL name cannot be empty</source>
        <translation>имя SQL не может быть пустым</translation>
    </message>
    <message>
        <source>the SQL driver does not quote this name safely</source>
        <translation>драйвер SQL не может надёжно заключить это имя в кавычки</translation>
    </message>
    <message>
        <source>table of class %1</source>
        <translation>таблица класса %1</translation>
    </message>
    <message>
        <source>unknown type &quot;%1&quot;</source>
        <translation>неизвестный тип &quot;%1&quot;</translation>
    </message>
    <message>
        <source>references %1, which has no primary key</source>
        <translation>ссылается на %1, у которого нет первичного ключа</translation>
    </message>
    <message>
        <source>cannot quote the names of %1</source>
        <translation>не удаётся заключить в кавычки имена класса %1</translation>
    </message>
    <message>
        <source>association table %1</source>
        <translation>таблица связи %1</translation>
    </message>
    <message>
        <source>references %1, whose primary key has %2 columns</source>
        <translation>ссылается на %1, первичный ключ которого состоит из %2 столбцов</translation>
    </message>
</context>
<context>
    <name>Dispatcher</name>
    <message>
        <source>the session</source>
        <translation>сессии</translation>
    </message>
    <message>
        <source>a mapper</source>
        <translation>маппера</translation>
    </message>
    <message>
        <source>an attribute</source>
        <translation>атрибута</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>пустой цели</translation>
    </message>
    <message>
        <source>%1 is not a hook; it cannot be listened to</source>
        <translation>%1 — не хук; его нельзя слушать</translation>
    </message>
    <message>
        <source>%1 is a hook of %2; it cannot be listened to on %3</source>
        <translation>%1 — хук уровня %2; слушать его на уровне %3 нельзя</translation>
    </message>
    <message>
        <source>no callable given for %1</source>
        <translation>для %1 не передан вызываемый объект</translation>
    </message>
    <message>
        <source>retval listeners that replace the value exist only for set and append, not for %1</source>
        <translation>слушатели с retval, заменяющие значение, есть только для set и append, но не для %1</translation>
    </message>
    <message>
        <source>only mapper hooks can stop the chain; %1 is not one</source>
        <translation>остановить цепочку могут только хуки маппера; %1 к ним не относится</translation>
    </message>
    <message>
        <source>a listener failed</source>
        <translation>слушатель завершился ошибкой</translation>
    </message>
</context>
<context>
    <name>EventCatalogue</name>
    <message>
        <source>Fires once per mapped class, in declaration order, as soon as its mapper is constructed and before the mapper has set itself up; it comes before any other mapper hook for that class. Only the class itself is usable here, since relationships and other mappers are not configured yet. Listeners use it for early class-level setup, such as adding extra instrumentation or registering the class in a lookup table.</source>
        <translation>Срабатывает один раз для каждого маппированного класса, в порядке объявления, сразу после создания его маппера и до того, как маппер настроит себя; для этого класса он идёт раньше всех остальных хуков маппера. Здесь можно пользоваться только самим классом: связи и другие мапперы ещё не настроены. Слушатели используют его для ранней настройки на уровне класса, например чтобы добавить дополнительное инструментирование или зарегистрировать класс в справочной таблице.</translation>
    </message>
    <message>
        <source>Fires once at the start of a configure step (configure_mappers(), which usually runs implicitly the first time a mapped class is instantiated or queried), before any pending mapper is configured. It is followed by before_mapper_configured and mapper_configured for each pending class, then by after_configured. It is the place for last changes that every mapper must see, such as mapping classes that were generated late.</source>
        <translation>Срабатывает один раз в начале шага настройки (configure_mappers(), который обычно выполняется неявно при первом создании экземпляра маппированного класса или первом запросе к нему), до настройки любого из ожидающих мапперов. За ним следуют before_mapper_configured и mapper_configured для каждого ожидающего класса, затем after_configured. Здесь место для последних изменений, которые должны увидеть все мапперы, например для маппинга классов, сгенерированных позже остальных.</translation>
    </message>
    <message>
        <source>Fires for each pending mapper during the configure step, right before that mapper resolves its relationships and other properties; for each class it comes just before mapper_configured. A listener registered with retval=True may return EXT_SKIP to leave this mapper unconfigured for now (useful for abstract bases), or make last adjustments to it.</source>
        <translation>Срабатывает для каждого ожидающего маппера во время шага настройки, непосредственно перед тем, как этот маппер разрешит свои связи и прочие свойства; для каждого класса он идёт сразу перед mapper_configured. Слушатель, зарегистрированный с retval=True, может вернуть EXT_SKIP, чтобы пока оставить этот маппер ненастроенным (полезно для абстрактных базовых классов), или внести в него последние правки.</translation>
    </message>
    <message>
        <source>Fires for each mapper once its own configuration is complete, right after its before_mapper_configured. The mapper&apos;s relationships are resolved now, but mappers later in the same configure step may still be unconfigured, so a listener should only inspect this one. Work that needs the whole set of mappers belongs in after_configured.</source>
        <translation>Срабатывает для каждого маппера, как только завершена его собственная настройка, сразу после его before_mapper_configured. Связи маппера уже разрешены, но мапперы, идущие дальше в том же шаге настройки, могут быть ещё не настроены, поэтому слушателю стоит проверять только этот маппер. Работе, которой нужен весь набор мапперов, место в after_configured.</translation>
    </message>
    <message>
        <source>Fires once at the end of a configure step, after every pending mapper has received mapper_configured. All mappers are now fully set up, so a listener can safely walk the complete mapper graph, for instance to validate the model or build tables of relationships.</source>
        <translation>Срабатывает один раз в конце шага настройки, после того как каждый ожидающий маппер получил mapper_configured. Теперь все мапперы полностью настроены, и слушатель может безопасно обойти весь граф мапперов, например чтобы проверить модель или построить таблицы связей.</translation>
    </message>
    <message>
        <source>Fires during a flush for each new object of this mapper, just before its INSERT. Within one mapper every object of the batch gets before_insert first (in the order the objects were added), then the INSERT statements run, then after_insert fires for each; parents are inserted before the children that refer to them. A listener may change the object&apos;s column attributes (say, a created_at timestamp) and they become part of the INSERT, but it must not add or delete objects in the session or change relationships.</source>
        <translation>Срабатывает во время flush (сброса изменений в БД) для каждого нового объекта этого маппера, непосредственно перед его INSERT. В пределах одного маппера сначала все объекты пакета получают before_insert (в порядке добавления объектов), затем выполняются операторы INSERT, а потом для каждого объекта срабатывает after_insert; родители вставляются раньше ссылающихся на них потомков. Слушатель может изменить атрибуты-столбцы объекта (скажем, метку времени created_at), и они войдут в INSERT, но ему нельзя добавлять или удалять объекты в сессии или менять связи.</translation>
    </message>
    <message>
        <source>Fires during a flush after the INSERT statements of this mapper&apos;s batch have run, once per object in the order the objects were added. Primary keys generated by the database are now set on the object. A listener can emit further SQL on the given connection, inside the same transaction (an audit row, for example), but should not change the session.</source>
        <translation>Срабатывает во время flush после выполнения операторов INSERT пакета этого маппера, по одному разу на объект в порядке добавления объектов. Первичные ключи, сгенерированные базой данных, уже установлены в объекте. Слушатель может выполнить дополнительный SQL на переданном соединении внутри той же транзакции (например, записать строку аудита), но не должен изменять сессию.</translation>
    </message>
    <message>
        <source>Fires during a flush for every dirty object of this mapper, in primary key order, before any UPDATE of the batch is emitted. It fires even when the object has no net change to its columns (a value set back to what it was, or only a collection changed): then no UPDATE is sent, although after_update still fires. A listener can check session.is_modified(target) and change column attributes, which are then included in the UPDATE.</source>
        <translation>Срабатывает во время flush для каждого изменённого (dirty) объекта этого маппера, в порядке первичных ключей, до отправки любого UPDATE пакета. Он срабатывает, даже если в итоге столбцы объекта не изменились (значению вернули прежнее или изменилась только коллекция): тогда UPDATE не отправляется, хотя after_update всё равно срабатывает. Слушатель может проверить session.is_modified(target) и изменить атрибуты-столбцы, которые тогда войдут в UPDATE.</translation>
    </message>
    <message>
        <source>Fires during a flush after the UPDATE statements of this mapper&apos;s batch have run, once per dirty object in primary key order, including objects for which no UPDATE was needed. A listener can emit further SQL on the given connection, such as writing history rows, but should not change the session.</source>
        <translation>Срабатывает во время flush после выполнения операторов UPDATE пакета этого маппера, по одному разу на каждый изменённый объект в порядке первичных ключей, включая объекты, для которых UPDATE не понадобился. Слушатель может выполнить дополнительный SQL на переданном соединении, например записать строки истории, но не должен изменять сессию.</translation>
    </message>
    <message>
        <source>Fires during a flush for each object marked with session.delete() (directly or by cascade), in primary key order, before the DELETE statements of the batch; children are deleted before their parents. A listener can inspect the object a last time or emit SQL on the connection, for example to archive the row. It never fires for bulk DELETE statements (query.delete() or delete()), which bypass the unit of work.</source>
        <translation>Срабатывает во время flush для каждого объекта, помеченного через session.delete() (напрямую или каскадом), в порядке первичных ключей, до операторов DELETE пакета; потомки удаляются раньше родителей. Слушатель может в последний раз осмотреть объект или выполнить SQL на соединении, например чтобы заархивировать строку. Для массовых операторов DELETE (query.delete() или delete()), которые обходят единицу работы (unit of work), он никогда не срабатывает.</translation>
    </message>
    <message>
        <source>Fires during a flush after the DELETE statements of this mapper&apos;s batch have run, once per deleted object. The row is gone but the object keeps its loaded state, so a listener can record what was deleted or clean up external resources. The object only enters the deleted state later, with persistent_to_deleted after after_flush.</source>
        <translation>Срабатывает во время flush после выполнения операторов DELETE пакета этого маппера, по одному разу на удалённый объект. Строки уже нет, но объект сохраняет загруженное состояние, так что слушатель может записать, что было удалено, или освободить внешние ресурсы. В состояние deleted объект переходит позже, с persistent_to_deleted после after_flush.</translation>
    </message>
    <message>
        <source>Ming only. Fires when Class.query.remove() is called, just before the remove command is sent to the collection; args and kwargs are the query spec and options given to remove(). This is a bulk delete outside the unit of work: objects already in the session are not touched, and before_delete and after_delete do not fire for the removed documents.</source>
        <translation>Только Ming. Срабатывает при вызове Class.query.remove(), непосредственно перед отправкой команды remove в коллекцию; args и kwargs — спецификация запроса и параметры, переданные в remove(). Это массовое удаление вне единицы работы: объекты, уже находящиеся в сессии, не затрагиваются, а before_delete и after_delete для удалённых документов не срабатывают.</translation>
    </message>
    <message>
        <source>Ming only. Fires right after the remove command of Class.query.remove() has returned, with the same arguments as before_remove. Since the removal bypassed the unit of work, this is the place to expunge matching objects still held by the session or to invalidate caches.</source>
        <translation>Только Ming. Срабатывает сразу после того, как команда remove из Class.query.remove() вернула управление, с теми же аргументами, что и before_remove. Поскольку удаление прошло в обход единицы работы, здесь место, чтобы исключить из сессии (expunge) ещё хранящиеся в ней подходящие объекты или сбросить кэши.</translation>
    </message>
    <message>
        <source>Fires at the very start of a flush (an explicit flush(), an autoflush before a query, or the flush done by commit), before any work is computed. session.new, session.dirty and session.deleted show what is about to be written, and this is the one flush hook where adding, deleting or changing objects is safe: the changes become part of this flush. The mapper hooks (before_insert and the others) follow, then after_flush.</source>
        <translation>Срабатывает в самом начале flush (явного flush(), autoflush перед запросом или flush, выполняемого при commit), до расчёта какой-либо работы. session.new, session.dirty и session.deleted показывают, что сейчас будет записано, и это единственный хук flush, где безопасно добавлять, удалять или изменять объекты: изменения войдут в этот же flush. Далее идут хуки маппера (before_insert и остальные), затем after_flush.</translation>
    </message>
    <message>
        <source>Fires after all INSERT, UPDATE and DELETE statements of the flush have been emitted, but before the session&apos;s bookkeeping is updated: session.new, session.dirty and session.deleted still show the state before the flush, which makes this a good place to see exactly what was written. Then pending_to_persistent and persistent_to_deleted fire for the affected objects, followed by after_flush_postexec.</source>
        <translation>Срабатывает после того, как отправлены все операторы INSERT, UPDATE и DELETE данного flush, но до обновления внутреннего учёта сессии: session.new, session.dirty и session.deleted ещё показывают состояние до flush, поэтому здесь удобно увидеть, что именно было записано. Затем для затронутых объектов срабатывают pending_to_persistent и persistent_to_deleted, а после них — after_flush_postexec.</translation>
    </message>
    <message>
        <source>Fires at the end of a flush, after pending_to_persistent and persistent_to_deleted, once the session&apos;s state is final: new objects are persistent, deleted ones have left the identity map, and session.new, session.dirty and session.deleted show the state after the flush. Changes made here are not part of this flush; they wait for the next one (commit keeps flushing until nothing is left).</source>
        <translation>Срабатывает в конце flush, после pending_to_persistent и persistent_to_deleted, когда состояние сессии уже окончательное: новые объекты стали persistent, удалённые покинули карту идентичности (identity map), а session.new, session.dirty и session.deleted показывают состояние после flush. Сделанные здесь изменения не входят в этот flush и ждут следующего (commit выполняет flush снова и снова, пока изменений не останется).</translation>
    </message>
    <message>
        <source>Fires when the session creates a SessionTransaction: the outermost one when the session begins (in 1.4 it begins automatically on first use), and an inner one for begin_nested() (a SAVEPOINT) or a subtransaction. No connection is involved yet, so no SQL has been sent. Check transaction.parent is None to react only to the outermost transaction, for example to set up per-transaction state.</source>
        <translation>Срабатывает, когда сессия создаёт SessionTransaction: внешнюю — когда сессия начинает работу (в 1.4 это происходит автоматически при первом использовании), и вложенную — для begin_nested() (SAVEPOINT) или подтранзакции. Соединение ещё не задействовано, поэтому никакой SQL не отправлен. Проверьте transaction.parent is None, чтобы реагировать только на внешнюю транзакцию, например чтобы подготовить состояние на время транзакции.</translation>
    </message>
    <message>
        <source>Fires when a SessionTransaction ends by commit, rollback or close, for a SAVEPOINT as well as for the outermost transaction. It comes after after_commit or after_rollback of that transaction and pairs with after_transaction_create, so it is the place to tear down per-transaction state.</source>
        <translation>Срабатывает, когда SessionTransaction завершается фиксацией, откатом или закрытием, как для SAVEPOINT, так и для внешней транзакции. Идёт после after_commit или after_rollback этой транзакции и составляет пару с after_transaction_create, поэтому здесь место для очистки состояния, связанного с транзакцией.</translation>
    </message>
    <message>
        <source>Fires when the session&apos;s transaction acquires a connection and begins a database transaction on it, which happens lazily, when the first statement of the transaction (a query, a lazy load or a flush) reaches the connection. The connection is passed in, so a listener can run setup SQL there, such as a SET statement, before the triggering statement runs.</source>
        <translation>Срабатывает, когда транзакция сессии получает соединение и начинает на нём транзакцию базы данных; это происходит лениво, когда первый оператор транзакции (запрос, ленивая загрузка или flush) доходит до соединения. Соединение передаётся слушателю, так что он может выполнить на нём подготовительный SQL, например оператор SET, до выполнения оператора, который начал транзакцию.</translation>
    </message>
    <message>
        <source>Fires when commit() starts, before the final flush that commit performs, so changes made by a listener are still flushed with the rest. Nothing is committed yet and the flush may still fail. The flush events, the database COMMIT and after_commit follow.</source>
        <translation>Срабатывает в начале commit(), до заключительного flush, который выполняет commit, поэтому изменения, сделанные слушателем, ещё попадут в flush вместе с остальными. Пока ничего не зафиксировано, и flush ещё может завершиться ошибкой. Далее следуют события flush, COMMIT в базе данных и after_commit.</translation>
    </message>
    <message>
        <source>Fires right after the database COMMIT succeeded and before the session expires its objects (with expire_on_commit), so loaded values can still be read without new SQL. The session has no active transaction: using it for SQL here would start a new one, so listeners usually just notify other systems, such as sending messages or clearing caches. The expire events and after_transaction_end follow.</source>
        <translation>Срабатывает сразу после успешного COMMIT в базе данных и до того, как сессия пометит свои объекты как устаревшие (при expire_on_commit), так что загруженные значения ещё можно прочитать без нового SQL. Активной транзакции у сессии нет: выполнение SQL через неё здесь начало бы новую, поэтому слушатели обычно лишь уведомляют другие системы, например отправляют сообщения или очищают кэши. Далее следуют события expire и after_transaction_end.</translation>
    </message>
    <message>
        <source>Fires after a real ROLLBACK has been sent to the database (for the outermost transaction or a SAVEPOINT), before the session resets its objects: pending objects are not yet expunged and loaded ones not yet expired. The session is inactive at this point, so it must not be used for queries; after_soft_rollback is the hook for work that needs a usable session.</source>
        <translation>Срабатывает после того, как в базу данных отправлен настоящий ROLLBACK (для внешней транзакции или SAVEPOINT), до того как сессия сбросит свои объекты: объекты в состоянии pending ещё не исключены из сессии, а загруженные ещё не помечены как устаревшие. Сессия в этот момент неактивна, поэтому для запросов её использовать нельзя; для работы, которой нужна работоспособная сессия, предназначен хук after_soft_rollback.</translation>
    </message>
    <message>
        <source>Fires for every rollback, including soft ones that send no ROLLBACK to the database, such as rolling back an inner subtransaction; it comes last, after after_rollback, the resets of object state and after_transaction_end. After the outermost rollback the session is usable again (check session.is_active), so a listener can safely reload data or record the failure.</source>
        <translation>Срабатывает при каждом откате, включая мягкие откаты, которые не отправляют ROLLBACK в базу данных, например откат вложенной подтранзакции; идёт последним, после after_rollback, сброса состояния объектов и after_transaction_end. После отката внешней транзакции сессия снова пригодна к работе (проверьте session.is_active), так что слушатель может безопасно перезагрузить данные или записать сведения о сбое.</translation>
    </message>
    <message>
        <source>Fires when an object is about to join a session through add(), merge(), a save-update cascade or delete() of a detached object, before it is attached. after_attach follows, then transient_to_pending or detached_to_persistent. A listener can validate the object, or raise to refuse it.</source>
        <translation>Срабатывает, когда объект вот-вот присоединится к сессии через add(), merge(), каскад save-update или delete() отсоединённого объекта, до его присоединения. Далее следует after_attach, затем transient_to_pending или detached_to_persistent. Слушатель может проверить объект или выбросить исключение, чтобы отказать ему.</translation>
    </message>
    <message>
        <source>Fires right after an object has been attached to a session, following before_attach and immediately followed by transient_to_pending (a new object) or detached_to_persistent (an object with an identity). The object belongs to the session now, so a listener can react to it joining, for example by attaching related context.</source>
        <translation>Срабатывает сразу после присоединения объекта к сессии, после before_attach; сразу за ним идёт transient_to_pending (новый объект) или detached_to_persistent (объект с идентичностью). Теперь объект принадлежит сессии, и слушатель может отреагировать на его появление, например присоединив связанный контекст.</translation>
    </message>
    <message>
        <source>Fires whenever a statement runs through Session.execute(), which in 1.4 includes every legacy Query, Session.get(), lazy loads and ORM-enabled update() and delete(), but not the statements of a flush. It comes after any autoflush and before the SQL is sent. A listener can add options or criteria to the statement, or return a result of its own through orm_execute_state.invoke_statement(), for example to serve it from a cache.</source>
        <translation>Срабатывает всякий раз, когда оператор выполняется через Session.execute(); в 1.4 это каждый устаревший Query (legacy), Session.get(), ленивые загрузки и ORM-варианты update() и delete(), но не операторы flush. Идёт после autoflush, если он был, и до отправки SQL. Слушатель может добавить к оператору опции или условия либо вернуть собственный результат через orm_execute_state.invoke_statement(), например чтобы отдать его из кэша.</translation>
    </message>
    <message>
        <source>Fires after an ORM-enabled bulk UPDATE (query.update() or session.execute(update(...))) has run. Mapper hooks such as before_update and after_update never fire for it, so this is the ORM&apos;s only notice of the change; update_context gives the session, the query and the result with its rowcount. Typical use: invalidate caches that depend on the updated rows.</source>
        <translation>Срабатывает после выполнения массового UPDATE через ORM (query.update() или session.execute(update(...))). Хуки маппера, такие как before_update и after_update, для него никогда не срабатывают, так что это единственное уведомление ORM об изменении; update_context содержит сессию, запрос и результат с его rowcount. Типичное применение — сбросить кэши, зависящие от обновлённых строк.</translation>
    </message>
    <message>
        <source>Fires after an ORM-enabled bulk DELETE (query.delete() or session.execute(delete(...))) has run. Mapper hooks such as before_delete and after_delete never fire for it, so this is the ORM&apos;s only notice of the change; delete_context gives the session, the query and the result with its rowcount. Typical use: invalidate caches or clean up data outside the database.</source>
        <translation>Срабатывает после выполнения массового DELETE через ORM (query.delete() или session.execute(delete(...))). Хуки маппера, такие как before_delete и after_delete, для него никогда не срабатывают, так что это единственное уведомление ORM об изменении; delete_context содержит сессию, запрос и результат с его rowcount. Типичное применение — сбросить кэши или очистить данные вне базы данных.</translation>
    </message>
    <message>
        <source>Fires when a new (transient) object joins the session through add() or a save-update cascade, right after after_attach. The object is now pending and the next flush will INSERT it. A listener can fill in defaults or register the object in per-session bookkeeping.</source>
        <translation>Срабатывает, когда новый (transient) объект попадает в сессию через add() или каскад save-update, сразу после after_attach. Теперь объект в состоянии pending, и следующий flush выполнит для него INSERT. Слушатель может заполнить значения по умолчанию или зарегистрировать объект в собственном учёте на уровне сессии.</translation>
    </message>
    <message>
        <source>Fires when a pending object becomes transient again without ever being flushed: it was expunged, or the transaction rolled back before a flush wrote it. The object is no longer in the session and will not be inserted, so a listener can undo bookkeeping done in transient_to_pending.</source>
        <translation>Срабатывает, когда объект в состоянии pending снова становится transient, так и не попав в flush: его исключили из сессии (expunge) или транзакцию откатили раньше, чем flush его записал. Объекта больше нет в сессии, и он не будет вставлен, поэтому слушатель может отменить учёт, сделанный в transient_to_pending.</translation>
    </message>
    <message>
        <source>Fires once per inserted object when a flush has written a pending object: it now has an identity key and lives in the identity map. It comes between after_flush and after_flush_postexec. A listener can pick up the newly assigned primary key; if the transaction later rolls back, persistent_to_transient undoes this.</source>
        <translation>Срабатывает один раз для каждого вставленного объекта, когда flush записал объект в состоянии pending: теперь у него есть ключ идентичности и он находится в карте идентичности. Идёт между after_flush и after_flush_postexec. Слушатель может получить только что присвоенный первичный ключ; если позже транзакция откатится, persistent_to_transient отменит этот переход.</translation>
    </message>
    <message>
        <source>Fires during a rollback for an object that was INSERTed earlier in the same transaction: its row never became permanent, so the object loses its identity key, leaves the session and is transient again. It comes after after_rollback, and a listener can discard anything that relied on the object&apos;s primary key.</source>
        <translation>Срабатывает во время отката для объекта, для которого ранее в той же транзакции был выполнен INSERT: его строка так и не стала постоянной, поэтому объект теряет ключ идентичности, покидает сессию и снова становится transient. Идёт после after_rollback; слушатель может отбросить всё, что опиралось на первичный ключ объекта.</translation>
    </message>
    <message>
        <source>Fires when a detached object (one with an identity but no session) is re-attached with add() or a cascade, right after after_attach. The object is persistent again and its changes will be flushed as UPDATEs; a listener can re-register it in per-session bookkeeping.</source>
        <translation>Срабатывает, когда отсоединённый (detached) объект — с идентичностью, но без сессии — снова присоединяется через add() или каскад, сразу после after_attach. Объект снова в состоянии persistent, и его изменения будут записаны при flush как UPDATE; слушатель может заново зарегистрировать его в учёте на уровне сессии.</translation>
    </message>
    <message>
        <source>Fires when a query loads a row whose identity was not yet in the identity map, right after the load event for the same object; it is the session-level counterpart of load. Eager loaders may not have finished for the object, so a listener should not trigger further loads or refreshes; counting or recording loaded objects is safe.</source>
        <translation>Срабатывает, когда запрос загружает строку, идентичности которой ещё не было в карте идентичности, сразу после события load для того же объекта; это аналог load на уровне сессии. Жадные загрузчики для объекта могут ещё не завершить работу, поэтому слушателю не следует вызывать дальнейшие загрузки или обновления; подсчитывать или записывать загруженные объекты безопасно.</translation>
    </message>
    <message>
        <source>Fires when a flush has emitted the DELETE for an object marked with session.delete(): the object enters the deleted state. It comes between after_flush and after_flush_postexec, after after_delete. If the transaction rolls back the object becomes persistent again (deleted_to_persistent); when it commits the object becomes detached (deleted_to_detached).</source>
        <translation>Срабатывает, когда flush отправил DELETE для объекта, помеченного через session.delete(): объект переходит в состояние deleted. Идёт между after_flush и after_flush_postexec, после after_delete. Если транзакция откатится, объект снова станет persistent (deleted_to_persistent); при фиксации он станет detached (deleted_to_detached).</translation>
    </message>
    <message>
        <source>Fires during a rollback for an object that was deleted by a flush in that transaction: the DELETE is undone, so the object is persistent in the session again. It comes after after_rollback, and a listener can revert anything it did in persistent_to_deleted.</source>
        <translation>Срабатывает во время отката для объекта, удалённого при flush в этой транзакции: DELETE отменяется, и объект снова находится в сессии в состоянии persistent. Идёт после after_rollback; слушатель может отменить всё, что сделал в persistent_to_deleted.</translation>
    </message>
    <message>
        <source>Fires when a deleted object leaves the session for good: normally when the transaction that deleted it commits (right after after_commit), or when it is expunged or the session is closed. The object is now detached and no longer tied to any row, so a listener can release whatever was kept for it.</source>
        <translation>Срабатывает, когда удалённый объект окончательно покидает сессию: обычно при фиксации транзакции, которая его удалила (сразу после after_commit), либо при его исключении из сессии (expunge) или закрытии сессии. Теперь объект в состоянии detached и больше не связан ни с какой строкой, так что слушатель может освободить всё, что хранилось для него.</translation>
    </message>
    <message>
        <source>Fires when a persistent object leaves its session without being deleted, through expunge(), expunge_all() or close(). The object keeps the values already loaded, but unloaded attributes can no longer be lazy loaded. A listener can release per-object resources or note that the object must be re-attached before further use.</source>
        <translation>Срабатывает, когда объект в состоянии persistent покидает свою сессию без удаления — через expunge(), expunge_all() или close(). Объект сохраняет уже загруженные значения, но незагруженные атрибуты больше нельзя загрузить лениво. Слушатель может освободить ресурсы, связанные с объектом, или отметить, что перед дальнейшим использованием объект нужно снова присоединить.</translation>
    </message>
    <message>
        <source>Fires when a mapped object is constructed, as the first step of its __init__, before the constructor&apos;s arguments are applied; args and kwargs can be modified in place to change what the constructor receives. It is not called for objects loaded from the database, which get load instead. A listener can set defaults that must exist before the constructor runs.</source>
        <translation>Срабатывает при создании маппированного объекта, первым шагом его __init__, до применения аргументов конструктора; args и kwargs можно изменить на месте, чтобы поменять то, что получит конструктор. Для объектов, загруженных из базы данных, не вызывается — для них срабатывает load. Слушатель может задать значения по умолчанию, которые должны существовать до запуска конструктора.</translation>
    </message>
    <message>
        <source>Fires when the constructor of a mapped object raises an exception, after init; the exception is raised again once the listeners return. The half-built object is passed in, so a listener can log the failure or undo side effects of its init listener.</source>
        <translation>Срабатывает, когда конструктор маппированного объекта выбрасывает исключение, после init; когда слушатели завершатся, исключение выбрасывается снова. Слушателю передаётся недостроенный объект, так что он может записать сбой в журнал или отменить побочные эффекты своего слушателя init.</translation>
    </message>
    <message>
        <source>Fires when an object is created from a database row whose identity was not yet in the identity map, once its column attributes are populated; the object is created without calling __init__, so init does not fire. Eager-loaded collections may still be incomplete, and a listener should not trigger new loads. It is the place to set up non-mapped, in-memory state that __init__ would otherwise have created.</source>
        <translation>Срабатывает, когда объект создаётся из строки базы данных, идентичности которой ещё не было в карте идентичности, после заполнения его атрибутов-столбцов; объект создаётся без вызова __init__, поэтому init не срабатывает. Жадно загружаемые коллекции могут быть ещё неполными, и слушателю не следует вызывать новые загрузки. Здесь место для настройки немаппированного состояния в памяти, которое иначе создал бы __init__.</translation>
    </message>
    <message>
        <source>Fires when a query refreshes attributes of an object that is already in the identity map: expired attributes loaded on access, session.refresh(), or a query with populate_existing(). attrs lists the refreshed attribute names, or is None when all column attributes were loaded. A listener can rebuild in-memory state derived from them, as load does for new objects.</source>
        <translation>Срабатывает, когда запрос обновляет атрибуты объекта, который уже есть в карте идентичности: загрузка устаревших атрибутов при обращении, session.refresh() или запрос с populate_existing(). attrs перечисляет имена обновлённых атрибутов или равен None, если загружены все атрибуты-столбцы. Слушатель может перестроить производное от них состояние в памяти, как load делает для новых объектов.</translation>
    </message>
    <message>
        <source>Fires during a flush when values produced by column defaults or onupdate handlers (Python callables, server defaults, triggers, values fetched with RETURNING) have been written back onto the object; primary key columns are not included. It follows the INSERT or, mainly, the UPDATE that produced the values, before after_insert or after_update. A listener can react to the values the database computed.</source>
        <translation>Срабатывает во время flush, когда значения, полученные из значений по умолчанию столбцов или обработчиков onupdate (вызываемых объектов Python, серверных значений по умолчанию, триггеров, значений, полученных через RETURNING), записаны обратно в объект; столбцы первичного ключа сюда не входят. Идёт после INSERT или, чаще всего, UPDATE, который породил эти значения, и до after_insert или after_update. Слушатель может отреагировать на значения, вычисленные базой данных.</translation>
    </message>
    <message>
        <source>Fires after attributes of an object have been expired, so their next access loads fresh values from the database: on session.expire() or refresh(), on commit when expire_on_commit is on (right after after_commit), and on rollback. attrs lists the expired names, or is None when the whole object was expired. A listener can drop caches derived from those attributes.</source>
        <translation>Срабатывает после того, как атрибуты объекта помечены как устаревшие (expire), так что при следующем обращении их свежие значения загрузятся из базы данных: при session.expire() или refresh(), при фиксации, если включён expire_on_commit (сразу после after_commit), и при откате. attrs перечисляет имена устаревших атрибутов или равен None, если устаревшим помечен весь объект. Слушатель может сбросить кэши, производные от этих атрибутов.</translation>
    </message>
    <message>
        <source>Fires when a scalar attribute or a many-to-one reference is assigned, before the value is stored. With retval=True the listener returns the value to store, which is how validation or normalisation (lower-casing an email address, say) is done; oldvalue may be NO_VALUE or NEVER_SET if the old value was not loaded. Setting one side of a relationship also fires the backref&apos;s event (set or append) on the other side, with an initiator telling where it came from.</source>
        <translation>Срабатывает при присваивании скалярному атрибуту или ссылке many-to-one, до сохранения значения. С retval=True слушатель возвращает значение, которое нужно сохранить, — так делается проверка или нормализация (скажем, приведение адреса электронной почты к нижнему регистру); oldvalue может быть NO_VALUE или NEVER_SET, если старое значение не было загружено. Присваивание одной стороне связи вызывает и событие обратной ссылки (set или append) на другой стороне, с initiator, указывающим, откуда оно пришло.</translation>
    </message>
    <message>
        <source>Fires when an item is added to a collection (append(), add(), or a backref from the other side), once per item and before the item is stored. With retval=True the listener returns the item to append, for example to convert it. With a backref, the other side gets its own event too: set for a many-to-one, append for a many-to-many.</source>
        <translation>Срабатывает при добавлении элемента в коллекцию (append(), add() или через обратную ссылку с другой стороны), по одному разу на элемент и до его сохранения. С retval=True слушатель возвращает элемент для добавления, например чтобы преобразовать его. При обратной ссылке (backref) другая сторона тоже получает своё событие: set для many-to-one, append для many-to-many.</translation>
    </message>
    <message>
        <source>Fires when an item is removed from a collection (remove(), del, pop(), or dropped by a collection assignment), once per item. Through a backref, removing a child from parent.children also sets child.parent to None, which fires set on the other side. Listeners use it to keep derived values such as counters or ordering columns up to date.</source>
        <translation>Срабатывает при удалении элемента из коллекции (remove(), del, pop() или отбрасывание при присваивании коллекции), по одному разу на элемент. Через обратную ссылку удаление child из parent.children также устанавливает child.parent в None, что вызывает set на другой стороне. Слушатели используют его, чтобы поддерживать в актуальном состоянии производные значения, например счётчики или столбцы порядка.</translation>
    </message>
    <message>
        <source>Fires when a whole collection is assigned at once (parent.children = [...]), before the individual events of that assignment. values is the incoming list and may be modified in place, for example to turn plain values into objects. Afterwards append fires for each new item and remove for each item that was dropped.</source>
        <translation>Срабатывает, когда всей коллекции сразу присваивается новое значение (parent.children = [...]), до отдельных событий этого присваивания. values — входящий список, его можно изменить на месте, например чтобы превратить простые значения в объекты. После этого append срабатывает для каждого нового элемента, а remove — для каждого отброшенного.</translation>
    </message>
    <message>
        <source>Fires when the ORM creates a new, empty collection object for an attribute: the first time the attribute needs one (accessed on a new object, or filled by a load), and when the collection is replaced by an assignment. It comes before any item is appended to it, so a listener can take note of the collection instance, for example to track it.</source>
        <translation>Срабатывает, когда ORM создаёт новый пустой объект коллекции для атрибута: когда атрибуту впервые нужна коллекция (при обращении на новом объекте или при заполнении загрузкой) и когда коллекция заменяется присваиванием. Идёт до добавления в неё любого элемента, так что слушатель может взять экземпляр коллекции на заметку, например чтобы отслеживать его.</translation>
    </message>
    <message>
        <source>Fires when a collection object is discarded because the attribute was assigned a new collection, after the append and remove events of that assignment. The old collection still holds its previous items, and a listener can release whatever it attached to it in init_collection.</source>
        <translation>Срабатывает, когда объект коллекции отбрасывается, потому что атрибуту присвоили новую коллекцию, после событий append и remove этого присваивания. Старая коллекция всё ещё содержит прежние элементы, и слушатель может освободить всё, что привязал к ней в init_collection.</translation>
    </message>
    <message>
        <source>Fires when a scalar attribute that was never set is read, typically on a new object before its flush; normally the read returns None. A listener registered with retval=True can return a default instead and store it into dict_ so that the same value is persisted, which makes column defaults visible in Python before the INSERT.</source>
        <translation>Срабатывает при чтении скалярного атрибута, который ни разу не устанавливался, обычно на новом объекте до его flush; обычно такое чтение возвращает None. Слушатель, зарегистрированный с retval=True, может вместо этого вернуть значение по умолчанию и сохранить его в dict_, чтобы то же значение попало в базу данных; так значения по умолчанию столбцов становятся видны в Python ещё до INSERT.</translation>
    </message>
    <message>
        <source>Fires when flag_modified() marks an attribute as changed without a set event, typically after a JSON or other mutable value was changed in place. The object is dirty now, so the next flush considers it and before_update fires for it.</source>
        <translation>Срабатывает, когда flag_modified() помечает атрибут как изменённый без события set, обычно после изменения на месте JSON или другого изменяемого значения. Теперь объект изменён (dirty), поэтому следующий flush его учтёт и для него сработает before_update.</translation>
    </message>
    <message>
        <source>Fires when a legacy Query is about to be turned into a SELECT statement for execution, before do_orm_execute. A listener registered with retval=True can return a modified query, for example one that filters out soft-deleted rows. Statements written in the 2.0 style with select() do not pass through here; do_orm_execute covers them.</source>
        <translation>Срабатывает, когда устаревший Query (legacy) вот-вот будет превращён в оператор SELECT для выполнения, до do_orm_execute. Слушатель, зарегистрированный с retval=True, может вернуть изменённый запрос, например такой, который отфильтровывает мягко удалённые строки. Операторы в стиле 2.0, написанные через select(), здесь не проходят — их покрывает do_orm_execute.</translation>
    </message>
    <message>
        <source>Fires when query.update() is called, before the bulk UPDATE statement is built and before after_bulk_update. A listener registered with retval=True can return a query with extra criteria, and it may add values to update_context.values, such as an updated_at timestamp.</source>
        <translation>Срабатывает при вызове query.update(), до построения массового оператора UPDATE и до after_bulk_update. Слушатель, зарегистрированный с retval=True, может вернуть запрос с дополнительными условиями, а также добавить значения в update_context.values, например метку времени updated_at.</translation>
    </message>
    <message>
        <source>Fires when query.delete() is called, before the bulk DELETE statement is built and before after_bulk_delete. A listener registered with retval=True can return a query with extra criteria, for example to protect rows that must never be deleted in bulk.</source>
        <translation>Срабатывает при вызове query.delete(), до построения массового оператора DELETE и до after_bulk_delete. Слушатель, зарегистрированный с retval=True, может вернуть запрос с дополнительными условиями, например чтобы защитить строки, которые никогда нельзя удалять массово.</translation>
    </message>
    <message>
        <source>Ming only. Fires when a query creates a cursor: find() (action &apos;find&apos;) and every derived cursor made by sort(), limit(), skip(), hint() or options(). Nothing has been fetched yet, since the cursor is lazy until iterated. A listener can tag the cursor with the class and query spec, to report them later with timings from the cursor_next hooks.</source>
        <translation>Только Ming. Срабатывает, когда запрос создаёт курсор: find() (action &apos;find&apos;) и каждый производный курсор, созданный sort(), limit(), skip(), hint() или options(). Пока ничего не получено, поскольку курсор ленив до начала итерации. Слушатель может пометить курсор классом и спецификацией запроса, чтобы позже сообщить их вместе с замерами времени из хуков cursor_next.</translation>
    </message>
    <message>
        <source>Ming only. Fires each time the cursor is asked for its next result (iteration, first(), one(), all()), before the document is fetched and turned into an object. Together with after_cursor_next it brackets every step, which makes it the natural place to start a timer.</source>
        <translation>Только Ming. Срабатывает каждый раз, когда у курсора запрашивают следующий результат (итерация, first(), one(), all()), до того как документ будет получен и превращён в объект. Вместе с after_cursor_next он обрамляет каждый шаг, поэтому здесь естественно запускать таймер.</translation>
    </message>
    <message>
        <source>Ming only. Fires after each step of the cursor from a finally block, so it follows every before_cursor_next even when the step failed, including the last call that ends the iteration and returns no object. A listener can stop its timer here, but must not assume that a new object was produced.</source>
        <translation>Только Ming. Срабатывает после каждого шага курсора из блока finally, поэтому следует за каждым before_cursor_next, даже если шаг завершился ошибкой, включая последний вызов, который завершает итерацию и не возвращает объект. Слушатель может остановить здесь таймер, но не должен считать, что был получен новый объект.</translation>
    </message>
    <message>
        <source>Fires when a class is instrumented while it is being mapped: the ORM creates its class manager, which makes attribute access trackable. Extensions use it to learn about every instrumented class as it appears.</source>
        <translation>Срабатывает, когда класс инструментируется при маппинге: ORM создаёт для него менеджер класса, благодаря которому обращения к атрибутам становятся отслеживаемыми. Расширения используют его, чтобы узнавать о каждом инструментированном классе по мере появления.</translation>
    </message>
    <message>
        <source>Fires when the instrumentation of a class is removed, for example by clear_mappers() or registry.dispose(), typically in test teardown. Afterwards the class is a plain Python class again, so listeners drop whatever they registered for it in class_instrument.</source>
        <translation>Срабатывает, когда инструментирование класса снимается, например через clear_mappers() или registry.dispose(), обычно при завершении тестов. После этого класс снова становится обычным классом Python, и слушатели удаляют всё, что зарегистрировали для него в class_instrument.</translation>
    </message>
    <message>
        <source>Fires when an instrumented attribute (a column, relationship or other property) is installed on a class, once per attribute while the class is mapped. inst is the InstrumentedAttribute, so extensions can use this hook to attach attribute listeners (set, append and so on) to every attribute automatically.</source>
        <translation>Срабатывает, когда инструментированный атрибут (столбец, связь или другое свойство) устанавливается на класс, по одному разу на атрибут при маппинге класса. inst — это InstrumentedAttribute, так что расширения могут с помощью этого хука автоматически навешивать слушатели атрибутов (set, append и т. д.) на каждый атрибут.</translation>
    </message>
    <message>
        <source>Not a hook: one SQL statement that reached the database, shown with its bound parameters, the number of rows it affected or returned, how long it took and what sent it (a flush, a query, a lazy load, a bulk operation or DDL). Reading it next to the hooks around it shows which ORM action caused which SQL, such as the INSERT between before_insert and after_insert.</source>
        <translation>Не хук: один оператор SQL, дошедший до базы данных, вместе со связанными параметрами, числом затронутых или возвращённых строк, временем выполнения и источником (flush, запрос, ленивая загрузка, массовая операция или DDL). Если читать его рядом с окружающими хуками, видно, какое действие ORM вызвало какой SQL, например INSERT между before_insert и after_insert.</translation>
    </message>
    <message>
        <source>Not a hook: something SQLAlchemy warns about, such as session.add() called inside a mapper hook during a flush, where the result is not reliable. It marks a spot where the code works by accident or not as intended, so it is worth reading together with the events just before it.</source>
        <translation>Не хук: предупреждение SQLAlchemy, например о вызове session.add() внутри хука маппера во время flush, где результат ненадёжен. Оно отмечает место, где код работает случайно или не так, как задумано, поэтому его стоит читать вместе с событиями прямо перед ним.</translation>
    </message>
    <message>
        <source>Not a hook: an operation failed, for example through a constraint violation, a lost connection or a listener that raised an exception. When it happens during a flush, the flush is rolled back, so the events that follow are those of the rollback (after_rollback, the resets of object state, after_soft_rollback). Until session.rollback() is called, the session refuses further work.</source>
        <translation>Не хук: операция завершилась ошибкой, например из-за нарушения ограничения, потери соединения или слушателя, выбросившего исключение. Если это происходит во время flush, flush откатывается, поэтому следующие события относятся к откату (after_rollback, сброс состояния объектов, after_soft_rollback). Пока не вызван session.rollback(), сессия отказывается выполнять дальнейшую работу.</translation>
    </message>
    <message>
        <source>Not a hook: a user action, such as a scenario step or an edit in the session workspace (add, set, flush, commit and so on). The events that follow it, up to the next action, are what that action caused.</source>
        <translation>Не хук: действие пользователя, например шаг сценария или правка в рабочей области сессии (add, set, flush, commit и т. д.). События, идущие после него вплоть до следующего действия, вызваны именно этим действием.</translation>
    </message>
    <message>
        <source>Not a hook: the mapper hooks that did not fire for an object in the session that a bulk UPDATE or DELETE changed (query.update(), query.delete(), update() or delete() executed through the session). A flush would have fired before_update and after_update, or before_delete and after_delete, for it; a bulk statement runs outside the unit of work and skips them. What fires instead is do_orm_execute before it and after_bulk_update or after_bulk_delete after it, on the session, once for the statement. Code in mapper hooks (timestamps, audit rows, checks) therefore does not run for these objects.</source>
        <translation>Не хук: хуки маппера, которые не сработали для объекта сессии, изменённого массовым UPDATE или DELETE (query.update(), query.delete(), update() или delete(), выполненные через сессию). Сброс вызвал бы для него before_update и after_update или before_delete и after_delete; массовая команда выполняется вне единицы работы и пропускает их. Вместо них срабатывают do_orm_execute перед командой и after_bulk_update или after_bulk_delete после неё, на сессии, один раз на команду. Поэтому код в хуках маппера (отметки времени, записи аудита, проверки) для этих объектов не выполняется.</translation>
    </message>
</context>
<context>
    <name>EventInspector</name>
    <message>
        <source>(failed)</source>
        <translation>(сбой)</translation>
    </message>
    <message>
        <source>category: %1, %2 ms</source>
        <translation>категория: %1, %2 мс</translation>
    </message>
    <message>
        <source>class: %1</source>
        <translation>класс: %1</translation>
    </message>
    <message>
        <source>parameters: %1</source>
        <translation>параметры: %1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>ошибка: %1</translation>
    </message>
    <message>
        <source>rows: %1, %2 ms, from %3</source>
        <translation>строк: %1, %2 мс, источник: %3</translation>
    </message>
    <message>
        <source>value: %1</source>
        <translation>значение: %1</translation>
    </message>
    <message>
        <source>old value: %1</source>
        <translation>старое значение: %1</translation>
    </message>
    <message>
        <source>the flush: INSERT of %1</source>
        <translation>flush: INSERT объекта %1</translation>
    </message>
    <message>
        <source>the flush: UPDATE of %1</source>
        <translation>flush: UPDATE объекта %1</translation>
    </message>
    <message>
        <source>the flush: DELETE of %1</source>
        <translation>flush: DELETE объекта %1</translation>
    </message>
    <message>
        <source>the query of %1</source>
        <translation>запрос %1</translation>
    </message>
    <message>
        <source>get(%1, ...): not in the identity map</source>
        <translation>get(%1, ...): нет в карте идентичности</translation>
    </message>
    <message>
        <source>the lazy load of %1.%2</source>
        <translation>ленивая загрузка %1.%2</translation>
    </message>
    <message>
        <source>reading the expired attributes of %1</source>
        <translation>чтение устаревших атрибутов %1</translation>
    </message>
    <message>
        <source>refresh() of %1</source>
        <translation>refresh() объекта %1</translation>
    </message>
    <message>
        <source>the bulk update of %1 (no mapper hooks)</source>
        <translation>массовое обновление %1 (без хуков маппера)</translation>
    </message>
    <message>
        <source>the bulk delete of %1 (no mapper hooks)</source>
        <translation>массовое удаление %1 (без хуков маппера)</translation>
    </message>
    <message>
        <source>Apply: making the tables</source>
        <translation>Применить: создание таблиц</translation>
    </message>
    <message>
        <source>%1, sent by the autoflush before %2</source>
        <translation>%1; отправлено автоматическим flush перед: %2</translation>
    </message>
    <message>
        <source>why: %1</source>
        <translation>почему: %1</translation>
    </message>
    <message>
        <source>the eager load of %1.%2 for the objects just loaded</source>
        <translation>жадная загрузка %1.%2 для только что загруженных объектов</translation>
    </message>
    <message>
        <source>did not fire: %1</source>
        <translation>не сработали: %1</translation>
    </message>
    <message>
        <source>A bulk statement changed this object outside the unit of work: it skips the mapper hooks a flush would fire. do_orm_execute and after_bulk_update or after_bulk_delete fired instead, once for the statement.</source>
        <translation>Массовая команда изменила этот объект вне единицы работы: она пропускает хуки маппера, которые вызвал бы сброс. Вместо них один раз на команду сработали do_orm_execute и after_bulk_update или after_bulk_delete.</translation>
    </message>
    <message>
        <source>the flush: the association rows of %1.%2 (no mapper hooks)</source>
        <translation>flush: строки связи %1.%2 (без хуков маппера)</translation>
    </message>
    <message>
        <source>the savepoint&apos;s commit</source>
        <translation>фиксация точки сохранения</translation>
    </message>
    <message>
        <source>the savepoint&apos;s rollback</source>
        <translation>откат к точке сохранения</translation>
    </message>
    <message>
        <source>begin_nested(): the savepoint</source>
        <translation>begin_nested(): точка сохранения</translation>
    </message>
</context>
<context>
    <name>ListenerActions</name>
    <message>
        <source>%1 is not a hook and cannot be listened to</source>
        <translation>%1 — не хук, его нельзя слушать</translation>
    </message>
    <message>
        <source>%1 cannot be listened to on &quot;%2&quot;</source>
        <translation>%1 нельзя слушать на «%2»</translation>
    </message>
    <message>
        <source>unknown hook &quot;%1&quot;</source>
        <translation>неизвестный хук «%1»</translation>
    </message>
    <message>
        <source>raised by a listener of %1</source>
        <translation>исключение из слушателя %1</translation>
    </message>
    <message>
        <source>%1 is a session hook: it has no object to set an attribute of</source>
        <translation>%1 — хук сессии: у него нет объекта, атрибут которого можно присвоить</translation>
    </message>
    <message>
        <source>a set listener needs the attribute to set (&quot;attr&quot;)</source>
        <translation>слушателю set нужен присваиваемый атрибут («attr»)</translation>
    </message>
    <message>
        <source>unknown computation &quot;%1&quot; (use now, counter, lower or upper)</source>
        <translation>неизвестное вычисление «%1» (используйте now, counter, lower или upper)</translation>
    </message>
    <message>
        <source>%1 needs the attribute to read (&quot;of&quot;)</source>
        <translation>%1 нужен атрибут, из которого читать («of»)</translation>
    </message>
    <message>
        <source>%1 has no attribute %2</source>
        <translation>у класса %1 нет атрибута %2</translation>
    </message>
    <message>
        <source>unknown action &quot;%1&quot; (use log, pause, set or raise)</source>
        <translation>неизвестное действие «%1» (используйте log, pause, set или raise)</translation>
    </message>
    <message>
        <source>extension %1 is already %2&apos;s; an extension belongs to one class or to the session</source>
        <translation>расширение %1 уже принадлежит %2; расширение принадлежит одному классу или сессии</translation>
    </message>
    <message>
        <source>the session</source>
        <translation>сессия</translation>
    </message>
    <message>
        <source>extension %1 takes effect at the next Apply: %2</source>
        <translation>расширение %1 заработает при следующем применении: %2</translation>
    </message>
    <message>
        <source>the listener&apos;s assignment of %1 fires the listener again, without end: listen on another attribute, or set another one</source>
        <translation>присваивание %1 слушателем снова вызывает этот же слушатель, и так без конца: слушайте другой атрибут или присваивайте другой</translation>
    </message>
    <message>
        <source>a Ming SessionExtension has no %1 method (it has %2)</source>
        <translation>у SessionExtension в Ming нет метода %1 (есть: %2)</translation>
    </message>
    <message>
        <source>a Ming MapperExtension has no %1 method (it has %2)</source>
        <translation>у MapperExtension в Ming нет метода %1 (есть: %2)</translation>
    </message>
</context>
<context>
    <name>Project</name>
    <message>
        <source>a scenario needs a name</source>
        <translation>у сценария должно быть имя</translation>
    </message>
    <message>
        <source>scenario %1 is declared twice</source>
        <translation>сценарий %1 объявлен дважды</translation>
    </message>
    <message>
        <source>rename one of them</source>
        <translation>переименуйте один из них</translation>
    </message>
    <message>
        <source>unsupported database driver %1</source>
        <translation>драйвер базы данных %1 не поддерживается</translation>
    </message>
    <message>
        <source>use QSQLITE (SQLite) or QPSQL (PostgreSQL)</source>
        <translation>используйте QSQLITE (SQLite) или QPSQL (PostgreSQL)</translation>
    </message>
    <message>
        <source>no database name</source>
        <translation>не указано имя базы данных</translation>
    </message>
    <message>
        <source>name the PostgreSQL database</source>
        <translation>укажите имя базы данных PostgreSQL</translation>
    </message>
    <message>
        <source>use &quot;:memory:&quot; or the path of an SQLite file</source>
        <translation>используйте &quot;:memory:&quot; или путь к файлу SQLite</translation>
    </message>
    <message>
        <source>port %1 is out of range</source>
        <translation>порт %1 вне допустимого диапазона</translation>
    </message>
    <message>
        <source>use 1 to 65535, or 0 for the driver&apos;s default</source>
        <translation>используйте значение от 1 до 65535 или 0 для порта драйвера по умолчанию</translation>
    </message>
    <message>
        <source>unknown hook %1</source>
        <translation>неизвестный хук %1</translation>
    </message>
    <message>
        <source>run &apos;mapperscope-cli events&apos; for the list of hooks</source>
        <translation>выполните &apos;mapperscope-cli events&apos;, чтобы увидеть список хуков</translation>
    </message>
    <message>
        <source>unknown action %1</source>
        <translation>неизвестное действие %1</translation>
    </message>
    <message>
        <source>%1 is not a hook and cannot be listened to</source>
        <translation>%1 — не хук, его нельзя слушать</translation>
    </message>
    <message>
        <source>%1 is a session hook; it cannot be listened to on %2</source>
        <translation>%1 — хук сессии; его нельзя слушать на цели %2</translation>
    </message>
    <message>
        <source>use the target &quot;*&quot; (the session)</source>
        <translation>используйте цель &quot;*&quot; (сессия)</translation>
    </message>
    <message>
        <source>%1 is a mapper hook; %2 is not a mapped class</source>
        <translation>%1 — хук маппера; %2 не является маппированным классом</translation>
    </message>
    <message>
        <source>use &quot;*&quot; or the name of a class</source>
        <translation>используйте &quot;*&quot; или имя класса</translation>
    </message>
    <message>
        <source>%1 is an attribute hook; %2 is not a Class.attribute of this model</source>
        <translation>%1 — хук атрибута; %2 не является целью вида Class.attribute в этой модели</translation>
    </message>
    <message>
        <source>use &quot;*&quot; or a target such as &quot;User.name&quot;</source>
        <translation>используйте &quot;*&quot; или цель вида &quot;User.name&quot;</translation>
    </message>
    <message>
        <source>%1 names no object: no earlier &quot;new&quot; step gave it that label</source>
        <translation>%1 не обозначает объект: ни один предыдущий шаг &quot;new&quot; не присваивал такую метку</translation>
    </message>
    <message>
        <source>use a label from a &quot;new&quot; step, or Class#id for a loaded object</source>
        <translation>используйте метку из шага &quot;new&quot; или Class#id для загруженного объекта</translation>
    </message>
    <message>
        <source>unknown class %1</source>
        <translation>неизвестный класс %1</translation>
    </message>
    <message>
        <source>%1 is not a column of %2</source>
        <translation>%1 не является столбцом класса %2</translation>
    </message>
    <message>
        <source>%1 is not an attribute of %2</source>
        <translation>%1 не является атрибутом класса %2</translation>
    </message>
    <message>
        <source>use one of %1</source>
        <translation>используйте один из вариантов: %1</translation>
    </message>
    <message>
        <source>%1.%2 is not a one-to-many collection</source>
        <translation>%1.%2 не является коллекцией one-to-many</translation>
    </message>
    <message>
        <source>unknown operation %1</source>
        <translation>неизвестная операция %1</translation>
    </message>
    <message>
        <source>step %1 needs %2</source>
        <translation>для шага %1 нужно поле %2</translation>
    </message>
    <message>
        <source>the label is empty</source>
        <translation>метка пуста</translation>
    </message>
    <message>
        <source>label %1 is already used by an earlier step</source>
        <translation>метка %1 уже использована в одном из предыдущих шагов</translation>
    </message>
    <message>
        <source>give every new object a label of its own</source>
        <translation>дайте каждому новому объекту собственную метку</translation>
    </message>
    <message>
        <source>use log, pause, set or raise</source>
        <translation>используйте log, pause, set или raise</translation>
    </message>
    <message>
        <source>a set listener names no attribute to set</source>
        <translation>слушатель set не называет присваиваемый атрибут</translation>
    </message>
    <message>
        <source>add &quot;attr&quot;: the attribute of the hook&apos;s object to assign</source>
        <translation>добавьте «attr»: атрибут объекта хука, который нужно присвоить</translation>
    </message>
    <message>
        <source>%1 is not a relationship of %2</source>
        <translation>%1 — не связь класса %2</translation>
    </message>
    <message>
        <source>loader options name relationships of the queried class</source>
        <translation>параметры загрузки называют связи запрашиваемого класса</translation>
    </message>
    <message>
        <source>unknown loading strategy %1</source>
        <translation>неизвестная стратегия загрузки %1</translation>
    </message>
    <message>
        <source>use one of SQLAlchemy&apos;s: %1</source>
        <translation>используйте одну из стратегий SQLAlchemy: %1</translation>
    </message>
    <message>
        <source>use &quot;set&quot; for columns, many-to-one and one-to-one references</source>
        <translation>используйте &quot;set&quot; для столбцов и ссылок many-to-one и one-to-one</translation>
    </message>
    <message>
        <source>a session needs a name</source>
        <translation>у сессии должно быть имя</translation>
    </message>
    <message>
        <source>name it, such as &quot;A&quot; or &quot;B&quot;</source>
        <translation>назовите её, например &quot;A&quot; или &quot;B&quot;</translation>
    </message>
    <message>
        <source>session %1 is declared twice</source>
        <translation>сессия %1 объявлена дважды</translation>
    </message>
    <message>
        <source>unknown isolation level %1</source>
        <translation>неизвестный уровень изоляции %1</translation>
    </message>
    <message>
        <source>%1 sessions; a project may name up to 250</source>
        <translation>сессий: %1; в проекте их может быть не больше 250</translation>
    </message>
    <message>
        <source>no session %1 in this project</source>
        <translation>в проекте нет сессии %1</translation>
    </message>
    <message>
        <source>name the project&apos;s sessions under &quot;sessions&quot;</source>
        <translation>перечислите сессии проекта в &quot;sessions&quot;</translation>
    </message>
    <message>
        <source>a Ming project has no event.listen(): a listener is a method of an extension</source>
        <translation>в проекте Ming нет event.listen(): слушатель — это метод расширения</translation>
    </message>
    <message>
        <source>name its extension (&quot;extension&quot;: a class name such as &quot;Audit&quot;)</source>
        <translation>укажите его расширение (&quot;extension&quot;: имя класса, например &quot;Audit&quot;)</translation>
    </message>
    <message>
        <source>an extension belongs to a class or to the session; %1 is neither</source>
        <translation>расширение принадлежит классу или сессии; %1 — ни то, ни другое</translation>
    </message>
    <message>
        <source>use the name of a class (a MapperExtension) or &quot;session&quot; (a SessionExtension)</source>
        <translation>используйте имя класса (MapperExtension) или &quot;session&quot; (SessionExtension)</translation>
    </message>
    <message>
        <source>a SessionExtension has no %1 method</source>
        <translation>у SessionExtension нет метода %1</translation>
    </message>
    <message>
        <source>a MapperExtension has no %1 method</source>
        <translation>у MapperExtension нет метода %1</translation>
    </message>
    <message>
        <source>%1 has no object to set an attribute of</source>
        <translation>у %1 нет объекта, атрибут которого можно присвоить</translation>
    </message>
    <message>
        <source>use log, pause or raise</source>
        <translation>используйте log, pause или raise</translation>
    </message>
    <message>
        <source>%1 has a composite primary key; a Ming document has one _id</source>
        <translation>у %1 составной первичный ключ; у документа Ming один _id</translation>
    </message>
    <message>
        <source>give it one primary key column</source>
        <translation>оставьте один столбец первичного ключа</translation>
    </message>
    <message>
        <source>Ming has no version counter</source>
        <translation>в Ming нет счётчика версий</translation>
    </message>
    <message>
        <source>a Ming RelationProperty is many-to-one or one-to-many, not %1</source>
        <translation>RelationProperty в Ming — многие-к-одному или один-ко-многим, а не %1</translation>
    </message>
    <message>
        <source>use many-to-one or one-to-many</source>
        <translation>используйте many-to-one или one-to-many</translation>
    </message>
    <message>
        <source>a Ming project has one session</source>
        <translation>у проекта Ming одна сессия</translation>
    </message>
    <message>
        <source>Ming has no %1: a Ming session has no transactions, and its objects join it when they are made</source>
        <translation>в Ming нет %1: у сессии Ming нет транзакций, а объекты входят в неё при создании</translation>
    </message>
    <message>
        <source>Ming has no no_autoflush block</source>
        <translation>в Ming нет блока no_autoflush</translation>
    </message>
    <message>
        <source>Ming has no loader options</source>
        <translation>в Ming нет параметров загрузки</translation>
    </message>
    <message>
        <source>Ming has no populate_existing</source>
        <translation>в Ming нет populate_existing</translation>
    </message>
    <message>
        <source>Ming&apos;s refresh() loads the whole document again</source>
        <translation>refresh() в Ming загружает весь документ заново</translation>
    </message>
    <message>
        <source>leave out &quot;attrs&quot;</source>
        <translation>уберите &quot;attrs&quot;</translation>
    </message>
</context>
<context>
    <name>ProjectDocument</name>
    <message>
        <source>Untitled</source>
        <translation>Без имени</translation>
    </message>
</context>
<context>
    <name>ProjectFile</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>true</source>
        <translation>true</translation>
    </message>
    <message>
        <source>false</source>
        <translation>false</translation>
    </message>
    <message>
        <source>the number %1</source>
        <translation>число %1</translation>
    </message>
    <message>
        <source>the string &quot;%1&quot;</source>
        <translation>строка &quot;%1&quot;</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>массив</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>объект</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>ничего</translation>
    </message>
    <message>
        <source>expected an object, found %1</source>
        <translation>ожидался объект, получено: %1</translation>
    </message>
    <message>
        <source>missing &quot;%1&quot;</source>
        <translation>отсутствует &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected an array, found %1</source>
        <translation>ожидался массив, получено: %1</translation>
    </message>
    <message>
        <source>expected a string, found %1</source>
        <translation>ожидалась строка, получено: %1</translation>
    </message>
    <message>
        <source>expected true or false, found %1</source>
        <translation>ожидалось true или false, получено: %1</translation>
    </message>
    <message>
        <source>expected a whole number, found %1</source>
        <translation>ожидалось целое число, получено: %1</translation>
    </message>
    <message>
        <source>not a Mapperscope project: the &quot;format&quot; key is missing</source>
        <translation>не проект Mapperscope: отсутствует ключ &quot;format&quot;</translation>
    </message>
    <message>
        <source>not a Mapperscope project: &quot;format&quot; is %1, not &quot;%2&quot;</source>
        <translation>не проект Mapperscope: &quot;format&quot; равен %1, а не &quot;%2&quot;</translation>
    </message>
    <message>
        <source>missing format version</source>
        <translation>не указана версия формата</translation>
    </message>
    <message>
        <source>expected a format version number, found %1</source>
        <translation>ожидался номер версии формата, получено: %1</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>строка %1, столбец %2</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>файл пуст</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>некорректный JSON: %1</translation>
    </message>
    <message>
        <source>not a Mapperscope project: the file holds a JSON array, not an object</source>
        <translation>не проект Mapperscope: файл содержит массив JSON, а не объект</translation>
    </message>
    <message>
        <source>is a folder, not a project file</source>
        <translation>это папка, а не файл проекта</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>не удаётся открыть: %1</translation>
    </message>
    <message>
        <source>the file is %1 MB; project files are at most %2 MB</source>
        <translation>размер файла %1 МБ; файл проекта может занимать не более %2 МБ</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>не удаётся прочитать: %1</translation>
    </message>
    <message>
        <source>cannot write: %1</source>
        <translation>не удаётся записать: %1</translation>
    </message>
    <message>
        <source>cannot save: %1</source>
        <translation>не удаётся сохранить: %1</translation>
    </message>
    <message>
        <source>this project was saved in format version %1 by a newer Mapperscope; this version reads format versions 1 to %2. Open it with a newer Mapperscope.</source>
        <translation>проект сохранён в формате версии %1 более новой версией Mapperscope; эта версия читает форматы версий 1–%2. Откройте его более новой версией Mapperscope.</translation>
    </message>
    <message>
        <source>unknown ORM %1 (use &quot;sqlalchemy&quot; or &quot;ming&quot;)</source>
        <translation>неизвестная ORM %1 (используйте &quot;sqlalchemy&quot; или &quot;ming&quot;)</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>The recovery file %1 could not be written: %2</source>
        <translation>Не удалось записать файл восстановления %1: %2</translation>
    </message>
</context>
<context>
    <name>Registry</name>
    <message>
        <source>this registry has mapped its classes already; mapping again needs a new session</source>
        <translation>этот реестр уже выполнил маппинг своих классов; для повторного маппинга нужна новая сессия</translation>
    </message>
    <message>
        <source>the model cannot be mapped:
%1</source>
        <translation>маппинг модели невозможен:
%1</translation>
    </message>
    <message>
        <source>no database driver</source>
        <translation>нет драйвера базы данных</translation>
    </message>
    <message>
        <source>cannot begin a transaction: %1</source>
        <translation>не удаётся начать транзакцию: %1</translation>
    </message>
    <message>
        <source>cannot commit the new tables: %1</source>
        <translation>не удаётся зафиксировать новые таблицы: %1</translation>
    </message>
    <message>
        <source>the Qt SQL driver %1 is not installed (available: %2)</source>
        <translation>драйвер Qt SQL %1 не установлен (доступны: %2)</translation>
    </message>
</context>
<context>
    <name>Renaming</name>
    <message>
        <source>a class needs a name</source>
        <translation>у класса должно быть имя</translation>
    </message>
    <message>
        <source>there is already a class named &quot;%1&quot;</source>
        <translation>класс с именем «%1» уже есть</translation>
    </message>
    <message>
        <source>an attribute needs a name</source>
        <translation>у атрибута должно быть имя</translation>
    </message>
    <message>
        <source>%1 already has an attribute named &quot;%2&quot;</source>
        <translation>у %1 уже есть атрибут с именем «%2»</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Mapperscope, %1: %2 events.</source>
        <translation>Mapperscope, %1: событий: %2.</translation>
    </message>
    <message>
        <source>The first %1 events were dropped by the event log&apos;s limit.</source>
        <translation>Первые %1 событий отброшены пределом журнала событий.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Временная шкала</translation>
    </message>
    <message>
        <source>The hooks in this run</source>
        <translation>Хуки этого прогона</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>События</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Hook</source>
        <translation>Хук</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Атрибут</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Старое значение</translation>
    </message>
    <message>
        <source>%1 more events are left out of this table.</source>
        <translation>Ещё %1 событий не вошли в эту таблицу.</translation>
    </message>
    <message>
        <source>cannot write: %1</source>
        <translation>не удаётся записать: %1</translation>
    </message>
</context>
<context>
    <name>ScenarioRunner</name>
    <message>
        <source>no object is labelled %1</source>
        <translation>нет объекта с меткой %1</translation>
    </message>
    <message>
        <source>unknown step operation &quot;%1&quot;</source>
        <translation>неизвестная операция шага &quot;%1&quot;</translation>
    </message>
    <message>
        <source>step %1 (%2)</source>
        <translation>шаг %1 (%2)</translation>
    </message>
    <message>
        <source>step %1 (%2) was expected to fail and did not</source>
        <translation>от шага %1 (%2) ожидалась ошибка, но он выполнился успешно</translation>
    </message>
    <message>
        <source>the SQLite URL names no file: %1</source>
        <translation>в URL SQLite не указан файл: %1</translation>
    </message>
    <message>
        <source>not a valid PostgreSQL URL: %1</source>
        <translation>некорректный URL PostgreSQL: %1</translation>
    </message>
    <message>
        <source>the PostgreSQL URL names no database: %1</source>
        <translation>в URL PostgreSQL не указана база данных: %1</translation>
    </message>
    <message>
        <source>unknown database URL &quot;%1&quot;; use sqlite::memory:, sqlite:PATH or postgresql://user:password@host:port/database</source>
        <translation>неизвестный URL базы данных &quot;%1&quot;; используйте sqlite::memory:, sqlite:PATH или postgresql://user:password@host:port/database</translation>
    </message>
    <message>
        <source>step &quot;%1&quot; needs &quot;%2&quot;</source>
        <translation>для шага &quot;%1&quot; нужно поле &quot;%2&quot;</translation>
    </message>
    <message>
        <source>no session %1 in this project (the sessions: %2)</source>
        <translation>в проекте нет сессии %1 (сессии: %2)</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>a class needs a name</source>
        <translation>у класса должно быть имя</translation>
    </message>
    <message>
        <source>type a name such as User</source>
        <translation>введите имя, например User</translation>
    </message>
    <message>
        <source>class %1 is declared twice (first at %2)</source>
        <translation>класс %1 объявлен дважды (впервые в %2)</translation>
    </message>
    <message>
        <source>rename one of them</source>
        <translation>переименуйте один из них</translation>
    </message>
    <message>
        <source>the table name is blank</source>
        <translation>имя таблицы пустое</translation>
    </message>
    <message>
        <source>type a table name, or leave it out to use %1</source>
        <translation>введите имя таблицы или не указывайте его, чтобы использовать %1</translation>
    </message>
    <message>
        <source>table name %1: %2</source>
        <translation>имя таблицы %1: %2</translation>
    </message>
    <message>
        <source>choose another table name</source>
        <translation>выберите другое имя таблицы</translation>
    </message>
    <message>
        <source>table %1 is already used by class %2</source>
        <translation>таблица %1 уже используется классом %2</translation>
    </message>
    <message>
        <source>give each class a table of its own</source>
        <translation>дайте каждому классу собственную таблицу</translation>
    </message>
    <message>
        <source>foreign keys form a cycle: %1</source>
        <translation>внешние ключи образуют цикл: %1</translation>
    </message>
    <message>
        <source>remove one of the references; Mapperscope orders inserts by foreign keys and cannot order a cycle</source>
        <translation>удалите одну из ссылок: Mapperscope упорядочивает вставки по внешним ключам и не может упорядочить цикл</translation>
    </message>
    <message>
        <source>class %1 has no columns</source>
        <translation>у класса %1 нет столбцов</translation>
    </message>
    <message>
        <source>add an integer primary key column such as id</source>
        <translation>добавьте столбец первичного ключа типа integer, например id</translation>
    </message>
    <message>
        <source>a column needs a name</source>
        <translation>у столбца должно быть имя</translation>
    </message>
    <message>
        <source>column %1 is declared twice in class %2</source>
        <translation>столбец %1 объявлен в классе %2 дважды</translation>
    </message>
    <message>
        <source>column names are compared without case; rename one of them</source>
        <translation>имена столбцов сравниваются без учёта регистра; переименуйте один из них</translation>
    </message>
    <message>
        <source>column name %1: %2</source>
        <translation>имя столбца %1: %2</translation>
    </message>
    <message>
        <source>choose another column name</source>
        <translation>выберите другое имя столбца</translation>
    </message>
    <message>
        <source>unknown type %1</source>
        <translation>неизвестный тип %1</translation>
    </message>
    <message>
        <source>use one of %1</source>
        <translation>используйте один из типов: %1</translation>
    </message>
    <message>
        <source>a primary key cannot be nullable</source>
        <translation>первичный ключ не может допускать NULL</translation>
    </message>
    <message>
        <source>remove &quot;nullable&quot;: true</source>
        <translation>удалите &quot;nullable&quot;: true</translation>
    </message>
    <message>
        <source>default %1 is not a valid %2 value</source>
        <translation>значение по умолчанию %1 недопустимо для типа %2</translation>
    </message>
    <message>
        <source>write dates as ISO 8601 strings, such as &quot;2024-05-01&quot;</source>
        <translation>записывайте даты строками ISO 8601, например &quot;2024-05-01&quot;</translation>
    </message>
    <message>
        <source>give a default of the column&apos;s type, or none</source>
        <translation>укажите значение по умолчанию того же типа, что и столбец, или не указывайте его вовсе</translation>
    </message>
    <message>
        <source>class %1 has no primary key</source>
        <translation>у класса %1 нет первичного ключа</translation>
    </message>
    <message>
        <source>mark one column with &quot;primaryKey&quot;: true</source>
        <translation>отметьте один столбец как &quot;primaryKey&quot;: true</translation>
    </message>
    <message>
        <source>unknown class %1</source>
        <translation>неизвестный класс %1</translation>
    </message>
    <message>
        <source>name one of the classes: %1</source>
        <translation>укажите один из классов: %1</translation>
    </message>
    <message>
        <source>column %1 is %2 but the primary key of %3 is %4</source>
        <translation>столбец %1 имеет тип %2, а первичный ключ %3 — тип %4</translation>
    </message>
    <message>
        <source>give the foreign key the type of the key it references</source>
        <translation>задайте внешнему ключу тип ключа, на который он ссылается</translation>
    </message>
    <message>
        <source>a relationship needs a name</source>
        <translation>у связи должно быть имя</translation>
    </message>
    <message>
        <source>%1 is already an attribute of class %2</source>
        <translation>%1 уже является атрибутом класса %2</translation>
    </message>
    <message>
        <source>rename the relationship</source>
        <translation>переименуйте связь</translation>
    </message>
    <message>
        <source>unknown relationship kind %1</source>
        <translation>неизвестный вид связи %1</translation>
    </message>
    <message>
        <source>unknown cascade word %1</source>
        <translation>неизвестное значение каскада %1</translation>
    </message>
    <message>
        <source>use SQLAlchemy&apos;s words: %1</source>
        <translation>используйте значения SQLAlchemy: %1</translation>
    </message>
    <message>
        <source>delete-orphan cannot be used on a many-to-one relationship</source>
        <translation>delete-orphan нельзя использовать в связи many-to-one</translation>
    </message>
    <message>
        <source>put delete-orphan on the one-to-many side (%1)</source>
        <translation>укажите delete-orphan на стороне one-to-many (%1)</translation>
    </message>
    <message>
        <source>unknown target class %1</source>
        <translation>неизвестный целевой класс %1</translation>
    </message>
    <message>
        <source>%1 %2 needs a column in %3 that references %4</source>
        <translation>связи %1 %2 нужен столбец в %3, ссылающийся на %4</translation>
    </message>
    <message>
        <source>add a column such as %1_id to %2 with &quot;references&quot;: %3</source>
        <translation>добавьте в %2 столбец, например %1_id, с &quot;references&quot;: %3</translation>
    </message>
    <message>
        <source>%1 %2 could use any of the columns %3 of %4</source>
        <translation>связь %1 %2 может использовать любой из столбцов %3 класса %4</translation>
    </message>
    <message>
        <source>backref %1 clashes with column %1 of %2</source>
        <translation>обратная ссылка %1 конфликтует со столбцом %1 класса %2</translation>
    </message>
    <message>
        <source>choose another backref name</source>
        <translation>выберите другое имя обратной ссылки</translation>
    </message>
    <message>
        <source>backref %1 clashes with relationship %1 of %2, which is not the inverse of %3</source>
        <translation>обратная ссылка %1 конфликтует со связью %1 класса %2, которая не является обратной к %3</translation>
    </message>
    <message>
        <source>choose another backref name, or make %1.%2 a %3 to %4 with backref %5</source>
        <translation>выберите другое имя обратной ссылки или сделайте %1.%2 связью %3 на %4 с обратной ссылкой %5</translation>
    </message>
    <message>
        <source>backref %1 is also created by %2</source>
        <translation>обратную ссылку %1 также создаёт %2</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(пока нет)</translation>
    </message>
    <message>
        <source>a name that begins or ends with a double quote cannot be quoted in SQL</source>
        <translation>имя, которое начинается или заканчивается двойной кавычкой, нельзя заключить в кавычки в SQL</translation>
    </message>
    <message>
        <source>a dot in a name is read as a schema separator by the SQL drivers</source>
        <translation>драйверы SQL воспринимают точку в имени как разделитель схемы</translation>
    </message>
    <message>
        <source>a name with both [ and ] is taken as already quoted by the SQLite driver</source>
        <translation>имя, содержащее и [, и ], драйвер SQLite считает уже заключённым в кавычки</translation>
    </message>
    <message>
        <source>a name cannot contain a NUL character</source>
        <translation>имя не может содержать символ NUL</translation>
    </message>
    <message>
        <source>foreign key %1 is not a column of %2</source>
        <translation>внешний ключ %1 не является столбцом %2</translation>
    </message>
    <message>
        <source>name a column of %1 that references %2</source>
        <translation>укажите столбец %1, ссылающийся на %2</translation>
    </message>
    <message>
        <source>column %1 of %2 does not reference %3</source>
        <translation>столбец %1 класса %2 не ссылается на %3</translation>
    </message>
    <message>
        <source>give %1 &quot;references&quot;: %2, or name another column</source>
        <translation>задайте %1 &quot;references&quot;: %2 или укажите другой столбец</translation>
    </message>
    <message>
        <source>name the one it uses as its foreign key (&quot;foreignKey&quot;: %1)</source>
        <translation>укажите, какой из них служит внешним ключом (&quot;foreignKey&quot;: %1)</translation>
    </message>
    <message>
        <source>%1.%2 is the inverse of %3 but uses the foreign key %4, not %5</source>
        <translation>%1.%2 — обратная сторона %3, но использует внешний ключ %4, а не %5</translation>
    </message>
    <message>
        <source>give both relationships the same &quot;foreignKey&quot;, or choose another backref name</source>
        <translation>задайте обеим связям один &quot;foreignKey&quot; или выберите другое имя backref</translation>
    </message>
    <message>
        <source>unknown loading strategy %1</source>
        <translation>неизвестная стратегия загрузки %1</translation>
    </message>
    <message>
        <source>use one of SQLAlchemy&apos;s: %1</source>
        <translation>используйте одну из стратегий SQLAlchemy: %1</translation>
    </message>
    <message>
        <source>use one-to-many, many-to-one, one-to-one or many-to-many</source>
        <translation>используйте one-to-many, many-to-one, one-to-one или many-to-many</translation>
    </message>
    <message>
        <source>only a many-to-many relationship has an association table</source>
        <translation>таблица связи бывает только у связи многие-ко-многим</translation>
    </message>
    <message>
        <source>make %1 a many-to-many, or leave secondary empty</source>
        <translation>сделайте %1 связью многие-ко-многим или оставьте secondary пустым</translation>
    </message>
    <message>
        <source>%1.%2 is the inverse of %3 but uses the association table %4, not %5</source>
        <translation>%1.%2 — обратная сторона %3, но использует таблицу связи %4, а не %5</translation>
    </message>
    <message>
        <source>give both relationships the same &quot;secondary&quot;, or choose another backref name</source>
        <translation>задайте обеим связям один и тот же &quot;secondary&quot; или выберите другое имя backref</translation>
    </message>
    <message>
        <source>a many-to-many relationship of a class to itself is not supported yet</source>
        <translation>связь многие-ко-многим класса с самим собой пока не поддерживается</translation>
    </message>
    <message>
        <source>map the link as a class of its own with two many-to-one relationships to %1</source>
        <translation>отобразите связь отдельным классом с двумя связями many-to-one к %1</translation>
    </message>
    <message>
        <source>the association table&apos;s two columns would both be named %1</source>
        <translation>оба столбца таблицы связи назывались бы %1</translation>
    </message>
    <message>
        <source>rename one of the classes</source>
        <translation>переименуйте один из классов</translation>
    </message>
    <message>
        <source>many-to-many %1 needs a primary key on %2</source>
        <translation>связи многие-ко-многим %1 нужен первичный ключ в %2</translation>
    </message>
    <message>
        <source>give %1 a primary key column</source>
        <translation>добавьте в %1 столбец первичного ключа</translation>
    </message>
    <message>
        <source>a many-to-many relationship has no foreign key of its own: its association table holds both</source>
        <translation>у связи многие-ко-многим нет своего внешнего ключа: оба хранятся в таблице связи</translation>
    </message>
    <message>
        <source>leave foreignKey empty</source>
        <translation>оставьте foreignKey пустым</translation>
    </message>
    <message>
        <source>delete-orphan cascade is not supported on a many-to-many relationship</source>
        <translation>каскад delete-orphan не поддерживается для связи многие-ко-многим</translation>
    </message>
    <message>
        <source>remove delete-orphan (SQLAlchemy refuses it without single_parent=True)</source>
        <translation>уберите delete-orphan (SQLAlchemy отвергает его без single_parent=True)</translation>
    </message>
    <message>
        <source>many-to-many %1 needs an association table (&quot;secondary&quot;)</source>
        <translation>связи многие-ко-многим %1 нужна таблица связи (&quot;secondary&quot;)</translation>
    </message>
    <message>
        <source>name the table that links %1 and %2, such as %3</source>
        <translation>назовите таблицу, связывающую %1 и %2, например %3</translation>
    </message>
    <message>
        <source>name an association table of its own, such as %1</source>
        <translation>назовите отдельную таблицу связи, например %1</translation>
    </message>
    <message>
        <source>association table %1 is already used by %2</source>
        <translation>таблица связи %1 уже используется в %2</translation>
    </message>
    <message>
        <source>give each many-to-many its own association table, such as %1</source>
        <translation>дайте каждой связи многие-ко-многим свою таблицу связи, например %1</translation>
    </message>
    <message>
        <source>many-to-many %1: %2 has a composite primary key, which an association table cannot reference yet</source>
        <translation>многие-ко-многим %1: у %2 составной первичный ключ, на который таблица связей пока не может ссылаться</translation>
    </message>
    <message>
        <source>map the link as a class of its own with a many-to-one to each side</source>
        <translation>отобразите связь отдельным классом со связью многие-к-одному на каждую сторону</translation>
    </message>
    <message>
        <source>%1 has a composite primary key (%2): a foreign key of several columns to its own class is not supported yet</source>
        <translation>у %1 составной первичный ключ (%2): внешний ключ из нескольких столбцов к собственному классу пока не поддерживается</translation>
    </message>
    <message>
        <source>reference another class</source>
        <translation>сошлитесь на другой класс</translation>
    </message>
    <message>
        <source>%1 has a composite primary key (%2): a foreign key to it takes one column for each, but %3 references it with (%4)</source>
        <translation>у %1 составной первичный ключ (%2): внешний ключ к нему требует по столбцу на каждый, а %3 ссылается на него столбцами (%4)</translation>
    </message>
    <message>
        <source>give %1 exactly %2 columns with &quot;references&quot;: %3, in the order of its key</source>
        <translation>дайте %1 ровно %2 столбца с &quot;references&quot;: %3, в порядке его ключа</translation>
    </message>
    <message>
        <source>column %1 is %2 but the key column %3.%4 it references is %5</source>
        <translation>столбец %1 имеет тип %2, а столбец ключа %3.%4, на который он ссылается, — %5</translation>
    </message>
    <message>
        <source>column %1 is matched to %2.%3, the key column in its place, though %2 has a key column %1: the columns that reference a composite key are matched to it in order</source>
        <translation>столбец %1 сопоставлен с %2.%3, столбцом ключа на его месте, хотя у %2 есть столбец ключа %1: столбцы, ссылающиеся на составной ключ, сопоставляются с ним по порядку</translation>
    </message>
    <message>
        <source>put the columns of %1 that reference %2 in the order of its key (%3)</source>
        <translation>расположите столбцы %1, ссылающиеся на %2, в порядке его ключа (%3)</translation>
    </message>
    <message>
        <source>class %1 already counts versions in column %2</source>
        <translation>класс %1 уже считает версии в столбце %2</translation>
    </message>
    <message>
        <source>a class has one version counter: unmark one of them</source>
        <translation>у класса один счётчик версий: снимите отметку с одного из столбцов</translation>
    </message>
    <message>
        <source>version counter %1 is a %2 column: the flush counts 1, 2, 3...</source>
        <translation>счётчик версий %1 — столбец типа %2, а сброс считает 1, 2, 3...</translation>
    </message>
    <message>
        <source>make the column an integer, or unmark it as the version counter</source>
        <translation>сделайте столбец целым (integer) или снимите отметку счётчика версий</translation>
    </message>
    <message>
        <source>version counter %1 is part of a key: the flush changes it at every UPDATE</source>
        <translation>счётчик версий %1 входит в ключ, а сброс меняет его при каждом UPDATE</translation>
    </message>
    <message>
        <source>count versions in a column of its own, such as version</source>
        <translation>считайте версии в отдельном столбце, например version</translation>
    </message>
    <message>
        <source>version counter %1 has a default: the flush writes 1 at the INSERT whatever it is</source>
        <translation>у счётчика версий %1 есть значение по умолчанию, а сброс всё равно записывает 1 при INSERT</translation>
    </message>
    <message>
        <source>remove the default</source>
        <translation>уберите значение по умолчанию</translation>
    </message>
</context>
<context>
    <name>SchemaCommands</name>
    <message>
        <source>Add class %1</source>
        <translation>Добавление класса %1</translation>
    </message>
    <message>
        <source>Remove class %1</source>
        <translation>Удаление класса %1</translation>
    </message>
    <message>
        <source>Rename class %1 to %2</source>
        <translation>Переименование класса %1 в %2</translation>
    </message>
    <message>
        <source>Set table of %1 to %2</source>
        <translation>Назначение таблицы класса %1: %2</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>по умолчанию</translation>
    </message>
    <message>
        <source>Add column %1.%2</source>
        <translation>Добавление столбца %1.%2</translation>
    </message>
    <message>
        <source>Add relationship %1.%2</source>
        <translation>Добавление связи %1.%2</translation>
    </message>
    <message>
        <source>Remove column %1.%2</source>
        <translation>Удаление столбца %1.%2</translation>
    </message>
    <message>
        <source>Remove relationship %1.%2</source>
        <translation>Удаление связи %1.%2</translation>
    </message>
    <message>
        <source>Edit column %1.%2</source>
        <translation>Изменение столбца %1.%2</translation>
    </message>
    <message>
        <source>Edit relationship %1.%2</source>
        <translation>Изменение связи %1.%2</translation>
    </message>
    <message>
        <source>Move %1.%2</source>
        <translation>Перемещение %1.%2</translation>
    </message>
    <message>
        <source>Change database</source>
        <translation>Смена базы данных</translation>
    </message>
    <message>
        <source>Rename column %1.%2 to %3</source>
        <translation>Переименование столбца %1.%2 в %3</translation>
    </message>
    <message>
        <source>Rename relationship %1.%2 to %3</source>
        <translation>Переименование связи %1.%2 в %3</translation>
    </message>
    <message>
        <source>Set backref of %1.%2 to %3</source>
        <translation>Обратная ссылка %1.%2: %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Import Database</source>
        <translation>Импорт базы данных</translation>
    </message>
    <message>
        <source>Use Ming</source>
        <translation>Перейти на Ming</translation>
    </message>
    <message>
        <source>Use SQLAlchemy</source>
        <translation>Перейти на SQLAlchemy</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>listener of %1</source>
        <translation>слушатель %1</translation>
    </message>
    <message>
        <source>there is no mapped class %1</source>
        <translation>нет маппированного класса %1</translation>
    </message>
    <message>
        <source>%1 has no attribute %2</source>
        <translation>у класса %1 нет атрибута %2</translation>
    </message>
    <message>
        <source>extension %1: %2</source>
        <translation>расширение %1: %2</translation>
    </message>
    <message>
        <source>a session extension can be registered only before the session is first used</source>
        <translation>расширение сессии можно зарегистрировать только до первого использования сессии</translation>
    </message>
    <message>
        <source>no extension given</source>
        <translation>расширение не передано</translation>
    </message>
    <message>
        <source>a mapper extension can be registered only before the session is first used</source>
        <translation>расширение маппера можно зарегистрировать только до первого использования сессии</translation>
    </message>
    <message>
        <source>this session&apos;s transaction has been rolled back after a failed flush; call rollback() first</source>
        <translation>транзакция этой сессии откачена после неудачного flush; сначала вызовите rollback()</translation>
    </message>
    <message>
        <source>the session was changed after its transaction failed; those changes are discarded</source>
        <translation>сессию изменили после сбоя её транзакции; эти изменения отброшены</translation>
    </message>
    <message>
        <source>%1 has been deleted; it cannot be added back</source>
        <translation>объект %1 удалён; добавить его обратно нельзя</translation>
    </message>
    <message>
        <source>can&apos;t attach %1: another object with the key %2 is already present in this session (%3)</source>
        <translation>не удаётся присоединить %1: в этой сессии уже есть другой объект с ключом %2 (%3)</translation>
    </message>
    <message>
        <source>%1 is not bound to a session; its expired attribute %2 cannot be loaded</source>
        <translation>объект %1 не привязан к сессии; его устаревший атрибут %2 нельзя загрузить</translation>
    </message>
    <message>
        <source>%1 is not bound to a session; %2 cannot be loaded</source>
        <translation>объект %1 не привязан к сессии; %2 нельзя загрузить</translation>
    </message>
    <message>
        <source>%1.%2 takes a %3, not a %4 (%5)</source>
        <translation>%1.%2 принимает объект %3, а не %4 (%5)</translation>
    </message>
    <message>
        <source>%1 has no column %2 to filter on</source>
        <translation>у класса %1 нет столбца %2 для фильтрации</translation>
    </message>
    <message>
        <source>%1.%2 is a collection; filter on the other side</source>
        <translation>%1.%2 — коллекция; фильтруйте по другой стороне связи</translation>
    </message>
    <message>
        <source>a row of %1 has no primary key</source>
        <translation>у строки таблицы %1 нет первичного ключа</translation>
    </message>
    <message>
        <source>%1 has no column %2 to order by</source>
        <translation>у класса %1 нет столбца %2 для сортировки</translation>
    </message>
    <message>
        <source>%1 is not bound to a session; its attributes cannot be loaded</source>
        <translation>объект %1 не привязан к сессии; его атрибуты нельзя загрузить</translation>
    </message>
    <message>
        <source>the row of %1 has been deleted, or its primary key changed</source>
        <translation>строка объекта %1 удалена или её первичный ключ изменился</translation>
    </message>
    <message>
        <source>%1 is not in the session; the add along %2.%3 does not proceed</source>
        <translation>объекта %1 нет в сессии; добавление по %2.%3 не выполняется</translation>
    </message>
    <message>
        <source>the database did not return the generated key of %1</source>
        <translation>база данных не вернула сгенерированный ключ объекта %1</translation>
    </message>
    <message>
        <source>the session is already flushing</source>
        <translation>сессия уже выполняет flush</translation>
    </message>
    <message>
        <source>attribute changes made inside flush hooks on %1 objects were reset and will not reach the database</source>
        <translation>изменения атрибутов, сделанные внутри хуков flush, сброшены и не попадут в базу данных (затронуто объектов: %1)</translation>
    </message>
    <message>
        <source>%1 takes an object</source>
        <translation>атрибут %1 принимает объект</translation>
    </message>
    <message>
        <source>%1 takes a list of objects</source>
        <translation>атрибут %1 принимает список объектов</translation>
    </message>
    <message>
        <source>%1.%2 is not a collection</source>
        <translation>%1.%2 не является коллекцией</translation>
    </message>
    <message>
        <source>%1 holds %2 objects, not %3</source>
        <translation>атрибут %1 содержит объекты %2, а не %3</translation>
    </message>
    <message>
        <source>%1 is not in %2.%3</source>
        <translation>объекта %1 нет в %2.%3</translation>
    </message>
    <message>
        <source>%1 is not persisted</source>
        <translation>объект %1 ещё не сохранён в базе данных</translation>
    </message>
    <message>
        <source>%1 is not present in this session</source>
        <translation>объекта %1 нет в этой сессии</translation>
    </message>
    <message>
        <source>%1 is not persistent within this session</source>
        <translation>объект %1 не находится в этой сессии в состоянии persistent</translation>
    </message>
    <message>
        <source>over 100 subsequent flushes have occurred within commit(); hooks keep changing the session</source>
        <translation>внутри commit() выполнено более 100 flush подряд; хуки продолжают изменять сессию</translation>
    </message>
    <message>
        <source>%1 has no column %2 to update</source>
        <translation>у класса %1 нет столбца %2 для обновления</translation>
    </message>
    <message>
        <source>a bulk update needs values</source>
        <translation>для массового обновления нужны значения</translation>
    </message>
    <message>
        <source>the flush cannot order %1: their parent links form a cycle (an object that is its own parent or ancestor)</source>
        <translation>сброс не может упорядочить %1: связи с родителями образуют цикл (объект — свой собственный родитель или предок)</translation>
    </message>
    <message>
        <source>no column of %1 to refresh: use expire() to reload collections and related objects</source>
        <translation>у %1 нет столбцов для обновления: коллекции и связанные объекты перезагружает expire()</translation>
    </message>
    <message>
        <source>error binding parameter %1 of %2: %3 is an object, not a value a column can hold</source>
        <translation>ошибка привязки параметра %1 объекта %2: %3 — это объект, а не значение, которое может храниться в столбце</translation>
    </message>
    <message>
        <source>the value</source>
        <translation>значение</translation>
    </message>
    <message>
        <source>%1 was removed from %2.%3 while the collection was not loaded, and the loaded collection does not hold it (list.remove(x): x not in list)</source>
        <translation>%1 удалён из %2.%3, пока коллекция не была загружена, а в загруженной коллекции его нет (list.remove(x): x not in list)</translation>
    </message>
    <message>
        <source>%1 has a NULL identity key</source>
        <translation>у %1 ключ идентичности равен NULL</translation>
    </message>
    <message>
        <source>the expired attribute %1 of %2 could not be loaded: it has no row yet</source>
        <translation>истёкший атрибут %1 объекта %2 не удалось загрузить: у объекта ещё нет строки</translation>
    </message>
    <message>
        <source>%1 cannot be refreshed: it is not persistent and its primary key is expired</source>
        <translation>%1 нельзя обновить: объект не сохранён, а его первичный ключ истёк</translation>
    </message>
    <message>
        <source>new %1 has the key of %2, which stays in the session: the INSERT will conflict with its row</source>
        <translation>у нового %1 ключ объекта %2, который остаётся в сессии: INSERT столкнётся с его строкой</translation>
    </message>
    <message>
        <source>could not refresh %1: its row is not in the database</source>
        <translation>не удалось обновить %1: его строки нет в базе данных</translation>
    </message>
    <message>
        <source>%1 is not persisted: the rollback cannot give back its delete</source>
        <translation>%1 не сохранён в базе: откат не может отменить его удаление</translation>
    </message>
    <message>
        <source>cannot delete from table &apos;%1&apos; using NULL for primary key value on column %2</source>
        <translation>нельзя удалить строку из таблицы «%1» по значению NULL первичного ключа в столбце %2</translation>
    </message>
    <message>
        <source>this session is in &apos;inactive&apos; state, due to the SQL transaction being rolled back; no further SQL can be emitted within this transaction</source>
        <translation>сессия неактивна: транзакция SQL откачена, в этой транзакции больше нельзя выполнять SQL</translation>
    </message>
    <message>
        <source>the rollback cannot restore the session: the failed flush&apos;s own rollback stopped part way, and the session was changed since</source>
        <translation>откат не может восстановить сессию: откат неудавшегося сброса остановился на полпути, а сессия с тех пор изменилась</translation>
    </message>
    <message>
        <source>the flush cannot take %1: it is marked for deletion, but its delete was already flushed</source>
        <translation>сброс не может принять %1: объект помечен для удаления, но его удаление уже сброшено</translation>
    </message>
    <message>
        <source>&apos;%1.%2&apos; is not available due to lazy=&apos;raise&apos;</source>
        <translation>«%1.%2» недоступно из-за lazy=&apos;raise&apos;</translation>
    </message>
    <message>
        <source>a loader option names %1, which is not a relationship of %2</source>
        <translation>параметр загрузки называет %1, а это не связь класса %2</translation>
    </message>
    <message>
        <source>unknown loading strategy %1 for %2.%3 (use %4)</source>
        <translation>неизвестная стратегия загрузки %1 для %2.%3 (используйте %4)</translation>
    </message>
    <message>
        <source>%1 is not in the session; the delete along %2.%3 does not proceed</source>
        <translation>%1 нет в сессии; удаление по %2.%3 не выполняется</translation>
    </message>
    <message>
        <source>DELETE statement on table &apos;%1&apos; expected to delete %2 row(s); Only %3 were matched.</source>
        <translation>DELETE в таблице «%1» должен был удалить строк: %2; совпало только %3.</translation>
    </message>
    <message>
        <source>Dependency rule tried to blank-out primary key column &apos;%1.%2&apos; on instance %3</source>
        <translation>правило зависимости попыталось обнулить столбец первичного ключа &apos;%1.%2&apos; у объекта %3</translation>
    </message>
    <message>
        <source>Column &apos;%1.%2&apos; is marked as a member of the primary key for table &apos;%1&apos;, but has no Python-side or server-side default generator indicated, nor does it indicate &apos;autoincrement=True&apos; or &apos;nullable=True&apos;, and no explicit value is passed.  Primary key columns typically may not store NULL.</source>
        <translation>столбец &apos;%1.%2&apos; входит в первичный ключ таблицы &apos;%1&apos;, но у него нет генератора значения по умолчанию ни на стороне Python, ни на стороне сервера, не указано &apos;autoincrement=True&apos; или &apos;nullable=True&apos;, и значение не передано. Столбцы первичного ключа обычно не могут хранить NULL.</translation>
    </message>
    <message>
        <source>Note that as of SQLAlchemy 1.1, &apos;autoincrement=True&apos; must be indicated explicitly for composite (e.g. multicolumn) primary keys if AUTO_INCREMENT/SERIAL/IDENTITY behavior is expected for one of the columns in the primary key. CREATE TABLE statements are impacted by this change as well on most backends.</source>
        <translation>Начиная с SQLAlchemy 1.1, для составных (из нескольких столбцов) первичных ключей &apos;autoincrement=True&apos; нужно указывать явно, если от одного из столбцов ключа ожидается поведение AUTO_INCREMENT/SERIAL/IDENTITY. Это влияет и на операторы CREATE TABLE в большинстве СУБД.</translation>
    </message>
    <message>
        <source>Incorrect names of values in identifier to formulate primary key for session.get(); primary key attribute names are %1</source>
        <translation>неверные имена значений в идентификаторе для первичного ключа session.get(); имена атрибутов первичного ключа: %1</translation>
    </message>
    <message>
        <source>Incorrect number of values in identifier to formulate primary key for session.get(); primary key columns are %1</source>
        <translation>неверное число значений в идентификаторе для первичного ключа session.get(); столбцы первичного ключа: %1</translation>
    </message>
    <message>
        <source>Identity map already had an identity for %1#%2, replacing it with newly flushed object. Are there load operations occurring inside of an event handler within the flush?</source>
        <translation>в карте идентичности уже был объект с идентичностью %1#%2; его заменяет только что сброшенный объект. Не загружает ли что-то объекты в обработчике события во время flush?</translation>
    </message>
    <message>
        <source>Given object must be transient (%1 is %2)</source>
        <translation>Объект должен быть временным (transient), а %1 — %2</translation>
    </message>
    <message>
        <source>%1 has no primary key value: make_transient_to_detached() takes its identity from the primary key attributes</source>
        <translation>у %1 нет значения первичного ключа: make_transient_to_detached() берёт идентичность из атрибутов первичного ключа</translation>
    </message>
    <message>
        <source>A value is required for bind parameter &apos;%1&apos;</source>
        <translation>Для параметра «%1» нужно значение</translation>
    </message>
    <message>
        <source>UPDATE statement on table &apos;%1&apos; expected to update %2 row(s); %3 were matched.</source>
        <translation>UPDATE в таблице «%1» должен был изменить строк: %2; совпало: %3.</translation>
    </message>
    <message>
        <source>DELETE statement on table &apos;%1&apos; expected to delete %2 row(s); %3 were matched.  Please set confirm_deleted_rows=False within the mapper configuration to prevent this warning.</source>
        <translation>DELETE в таблице «%1» должен был удалить строк: %2; совпало: %3. Чтобы убрать это предупреждение, задайте confirm_deleted_rows=False в настройках маппера.</translation>
    </message>
    <message>
        <source>%1: no savepoint is open (begin_nested() opens one)</source>
        <translation>%1: нет открытой точки сохранения (её открывает begin_nested())</translation>
    </message>
    <message>
        <source>Object %1 is already attached to session %2 (this is %3)</source>
        <translation>Объект %1 уже присоединён к сессии %2 (это сессия %3)</translation>
    </message>
    <message>
        <source>Instance %1 is already pending in this Session yet is being merged again; this is probably not what you want to do</source>
        <translation>Экземпляр %1 уже в состоянии pending в этой сессии, но снова передаётся в merge(); вероятно, это не то, что вы хотите сделать</translation>
    </message>
    <message>
        <source>merge() with load=False option does not support objects transient (i.e. unpersisted) objects. flush() all changes on mapped instances before merging with load=False (%1)</source>
        <translation>merge() с параметром load=False не поддерживает объекты в состоянии transient (то есть ещё не сохранённые). Выполните flush() всех изменений отображённых экземпляров перед merge с load=False (%1)</translation>
    </message>
    <message>
        <source>merge() with load=False option does not support objects marked as &apos;dirty&apos;. flush() all changes on mapped instances before merging with load=False (%1)</source>
        <translation>merge() с параметром load=False не поддерживает объекты, помеченные как изменённые (&apos;dirty&apos;). Выполните flush() всех изменений отображённых экземпляров перед merge с load=False (%1)</translation>
    </message>
    <message>
        <source>Version id &apos;%1&apos; on merged state %2 does not match existing version &apos;%3&apos;. Leave the version attribute unset when merging to update the most recent version.</source>
        <translation>Номер версии &apos;%1&apos; у объединяемого состояния %2 не совпадает с существующей версией &apos;%3&apos;. Не задавайте атрибут версии при merge, чтобы обновить последнюю версию.</translation>
    </message>
    <message>
        <source>%1 is not available in a Ming session: Ming has no such operation</source>
        <translation>%1 недоступно в сессии Ming: в Ming нет такой операции</translation>
    </message>
    <message>
        <source>Missing field</source>
        <translation>Нет поля (Missing field)</translation>
    </message>
    <message>
        <source>None is not allowed</source>
        <translation>None не допускается</translation>
    </message>
    <message>
        <source>%1 is not %2</source>
        <translation>%1 — не %2</translation>
    </message>
    <message>
        <source>a %1 relationship</source>
        <translation>связь %1</translation>
    </message>
    <message>
        <source>&apos;NoneType&apos; object has no attribute &apos;%1&apos;</source>
        <translation>у объекта &apos;NoneType&apos; нет атрибута &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 has a composite key; a Ming document has one _id</source>
        <translation>у %1 составной ключ; у документа Ming один _id</translation>
    </message>
    <message>
        <source>%1 has no column %2 to sort on</source>
        <translation>у %1 нет столбца %2 для сортировки</translation>
    </message>
    <message>
        <source>E11000 duplicate key error: %1 already has a document whose %2 is null</source>
        <translation>E11000 duplicate key error: в %1 уже есть документ, у которого %2 равно null</translation>
    </message>
    <message>
        <source>refresh of some attributes</source>
        <translation>обновление отдельных атрибутов</translation>
    </message>
    <message>
        <source>a loader option</source>
        <translation>параметр загрузки</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>no session: apply the model to a database first (Session &gt; Apply to Database)</source>
        <translation>нет сессии: сначала примените модель к базе данных (Сессия &gt; Применить к базе данных)</translation>
    </message>
    <message>
        <source>%1 has no attribute %2</source>
        <translation>у класса %1 нет атрибута %2</translation>
    </message>
    <message>
        <source>%1 is not a mapped class</source>
        <translation>%1 не является маппированным классом</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a filter: write attribute=value</source>
        <translation>&quot;%1&quot; не является фильтром: пишите атрибут=значение</translation>
    </message>
    <message>
        <source>%1 has no column attribute %2 (filters compare columns)</source>
        <translation>у класса %1 нет атрибута-столбца %2 (фильтры сравнивают столбцы)</translation>
    </message>
    <message>
        <source>no session: apply the model to a database first</source>
        <translation>нет сессии: сначала примените модель к базе данных</translation>
    </message>
    <message>
        <source>%1.%2 cannot be empty (its foreign key is NOT NULL), and the session holds no %3 to point it at: create or load one first</source>
        <translation>%1.%2 не может быть пустым (его внешний ключ NOT NULL), а в сессии нет объекта %3, на который можно было бы сослаться: сначала создайте или загрузите такой объект</translation>
    </message>
    <message>
        <source>%1 has no relationship %2 to load</source>
        <translation>у %1 нет связи %2, которую можно загрузить</translation>
    </message>
    <message>
        <source>unknown loading strategy %1: use %2</source>
        <translation>неизвестная стратегия загрузки %1: используйте %2</translation>
    </message>
    <message>
        <source>type a whole number, such as 42</source>
        <translation>введите целое число, например 42</translation>
    </message>
    <message>
        <source>type a number, such as 3.5</source>
        <translation>введите число, например 3.5</translation>
    </message>
    <message>
        <source>type True or False</source>
        <translation>введите True или False</translation>
    </message>
    <message>
        <source>type a date as 2024-12-31</source>
        <translation>введите дату в виде 2024-12-31</translation>
    </message>
    <message>
        <source>type a date and time as 2024-12-31 23:59:00</source>
        <translation>введите дату и время в виде 2024-12-31 23:59:00</translation>
    </message>
    <message>
        <source>type any text</source>
        <translation>введите любой текст</translation>
    </message>
    <message>
        <source>%1, or None for NULL</source>
        <translation>%1 или None для NULL</translation>
    </message>
    <message>
        <source>give the relationship a delete cascade</source>
        <translation>задайте связи каскадное удаление</translation>
    </message>
    <message>
        <source>give %1 a delete cascade</source>
        <translation>задайте связи %1 каскадное удаление</translation>
    </message>
    <message>
        <source>Children of %1 still point to it (%2.%3): %4 (cascade=&quot;all, delete-orphan&quot;) or delete them first.</source>
        <translation>Дочерние объекты %1 всё ещё ссылаются на него (%2.%3): %4 (cascade=&quot;all, delete-orphan&quot;) или сначала удалите их.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid %2 value for %3.%4: %5.</source>
        <translation>«%1» — недопустимое значение типа %2 для %3.%4: %5.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid %2 value for %3: %4.</source>
        <translation>«%1» — недопустимое значение типа %2 для %3: %4.</translation>
    </message>
</context>
<context>
    <name>SessionGroup</name>
    <message>
        <source>session %1: %2</source>
        <translation>сессия %1: %2</translation>
    </message>
    <message>
        <source>the project names %1 sessions; at most %2 can play</source>
        <translation>в проекте %1 сессий; сыграть можно не больше %2</translation>
    </message>
</context>
<context>
    <name>SessionWorkspace</name>
    <message>
        <source>persistent, marked for deletion</source>
        <translation>постоянный, помечен для удаления</translation>
    </message>
    <message>
        <source>transient</source>
        <translation>временный</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ожидающий</translation>
    </message>
    <message>
        <source>persistent</source>
        <translation>постоянный</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалённый</translation>
    </message>
    <message>
        <source>detached</source>
        <translation>отсоединённый</translation>
    </message>
</context>
<context>
    <name>Step</name>
    <message>
        <source>missing &quot;%1&quot;</source>
        <translation>отсутствует &quot;%1&quot;</translation>
    </message>
    <message>
        <source>expected a string, found %1</source>
        <translation>ожидалась строка, получено: %1</translation>
    </message>
    <message>
        <source>expected an object, found %1</source>
        <translation>ожидался объект, получено: %1</translation>
    </message>
    <message>
        <source>expected an array, found %1</source>
        <translation>ожидался массив, получено: %1</translation>
    </message>
    <message>
        <source>expected true or false, found %1</source>
        <translation>ожидалось true или false, получено: %1</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>N+1: %1.%2 ×%3</source>
        <translation>N+1: %1.%2 ×%3</translation>
    </message>
    <message>
        <source>N+1 queries: the query (event #%1) loaded %2 objects, then %3 of them had %4 loaded by a statement of its own: %3 more SELECTs, one per object. Loading %4 with lazy=&quot;selectin&quot; (or selectinload()) would send one more SELECT for all of them; lazy=&quot;joined&quot; (or joinedload()) would load them with the query itself.</source>
        <translation>Проблема N+1: запрос (событие №%1) загрузил объектов: %2, затем у %3 из них %4 загружено отдельным оператором: ещё %3 SELECT, по одному на объект. С lazy=&quot;selectin&quot; (или selectinload()) %4 загрузилось бы для всех одним дополнительным SELECT; с lazy=&quot;joined&quot; (или joinedload()) — в самом запросе.</translation>
    </message>
</context>
<context>
    <name>TraceDiff</name>
    <message>
        <source>(mapping)</source>
        <translation>(маппинг)</translation>
    </message>
    <message>
        <source>cannot read it: %1</source>
        <translation>не удаётся прочитать: %1</translation>
    </message>
    <message>
        <source>line %1: not an event of a trace (%2)</source>
        <translation>строка %1: не событие трассы (%2)</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>не объект JSON</translation>
    </message>
    <message>
        <source>(no such step)</source>
        <translation>(нет такого шага)</translation>
    </message>
    <message>
        <source>(failed)</source>
        <translation>(сбой)</translation>
    </message>
    <message>
        <source>%1 of %2 steps differ; statements: %3 in A, %4 in B</source>
        <translation>различаются шагов: %1 из %2; операторов: %3 в A, %4 в B</translation>
    </message>
    <message>
        <source>step</source>
        <translation>шаг</translation>
    </message>
    <message>
        <source>statements A / B</source>
        <translation>операторы A / B</translation>
    </message>
    <message>
        <source>before the first step</source>
        <translation>до первого шага</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>шаг %1</translation>
    </message>
</context>
<context>
    <name>TraceWriter</name>
    <message>
        <source>cannot write the trace: %1</source>
        <translation>не удаётся записать трассировку: %1</translation>
    </message>
</context>
<context>
    <name>Verify</name>
    <message>
        <source>comparing with SQLAlchemy needs Python 3 with SQLAlchemy 1.4; none was found (on Debian: sudo apt install python3-sqlalchemy)</source>
        <translation>для сравнения с SQLAlchemy нужен Python 3 с SQLAlchemy 1.4; он не найден (в Debian: sudo apt install python3-sqlalchemy)</translation>
    </message>
    <message>
        <source>comparing with SQLAlchemy needs SQLAlchemy 1.4 for %1 (on Debian: sudo apt install python3-sqlalchemy)</source>
        <translation>для сравнения с SQLAlchemy нужна SQLAlchemy 1.4 для %1 (в Debian: sudo apt install python3-sqlalchemy)</translation>
    </message>
    <message>
        <source>cannot make a temporary folder: %1</source>
        <translation>не удаётся создать временную папку: %1</translation>
    </message>
    <message>
        <source>SQLAlchemy did not finish the scenario within %1 s</source>
        <translation>SQLAlchemy не закончила сценарий за %1 с</translation>
    </message>
    <message>
        <source>the exported module did not run: %1</source>
        <translation>экспортированный модуль не выполнился: %1</translation>
    </message>
    <message>
        <source>SQLAlchemy&apos;s trace has a line that is not JSON</source>
        <translation>в трассе SQLAlchemy есть строка, которая не является JSON</translation>
    </message>
    <message>
        <source>this is a Ming project: SQLAlchemy does not play it (Session &gt; ORM makes it a SQLAlchemy project, to compare the two)</source>
        <translation>это проект Ming: SQLAlchemy его не воспроизводит (Сессия &gt; ORM делает его проектом SQLAlchemy, чтобы сравнить их)</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>not connected to a database</source>
        <translation>нет подключения к базе данных</translation>
    </message>
    <message>
        <source>The model has %1 problem(s) and cannot be applied; the first: %2</source>
        <translation>Модель нельзя применить, найдено проблем: %1; первая: %2</translation>
    </message>
    <message>
        <source>cannot begin a transaction: %1</source>
        <translation>не удаётся начать транзакцию: %1</translation>
    </message>
    <message>
        <source>cannot commit the new tables: %1</source>
        <translation>не удаётся зафиксировать новые таблицы: %1</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>нет подключения</translation>
    </message>
    <message>
        <source>connected, model not applied</source>
        <translation>подключено, модель не применена</translation>
    </message>
    <message>
        <source> (a flush failed: roll back)</source>
        <translation> (flush не удался: выполните откат)</translation>
    </message>
    <message>
        <source> (in a transaction)</source>
        <translation> (в транзакции)</translation>
    </message>
    <message>
        <source>not connected: choose a database first (Session &gt; Database Connection)</source>
        <translation>нет подключения: сначала выберите базу данных (Сессия &gt; Подключение к базе данных)</translation>
    </message>
    <message>
        <source>an in-memory SQLite database is gone with its connection: apply the model again (F5) for a new one</source>
        <translation>база SQLite в памяти исчезла вместе со своим подключением: примените модель снова (F5), чтобы создать новую</translation>
    </message>
    <message>
        <source>cannot reconnect: %1</source>
        <translation>не удаётся переподключиться: %1</translation>
    </message>
    <message>
        <source>the connection to the database is lost: reconnect (Session &gt; Reconnect)</source>
        <translation>подключение к базе данных потеряно: переподключитесь (Сессия &gt; Переподключиться)</translation>
    </message>
    <message>
        <source>The model was applied, but listener %1 cannot be installed: %2</source>
        <translation>Модель применена, но слушатель %1 нельзя установить: %2</translation>
    </message>
    <message>
        <source>the engine is paused inside a hook: Continue, Step or Run to End first</source>
        <translation>движок остановлен внутри хука: сначала «Продолжить», «Шаг» или «Выполнить до конца»</translation>
    </message>
    <message>
        <source>the session is in the middle of an operation: wait until it is over</source>
        <translation>сессия в середине операции: дождитесь её окончания</translation>
    </message>
    <message>
        <source>The tables do not fit the model (%1):
%2</source>
        <translation>Таблицы не соответствуют модели (%1):
%2</translation>
    </message>
    <message>
        <source> (a flush failed: roll back to the savepoint)</source>
        <translation> (flush не удался: выполните откат к точке сохранения)</translation>
    </message>
    <message>
        <source> (in a transaction, savepoints: %1)</source>
        <translation> (в транзакции, точек сохранения: %1)</translation>
    </message>
    <message>
        <source>identity map: %1, new: %2, dirty: %3, deleted: %4</source>
        <translation>карта идентичности: %1, новых: %2, изменённых: %3, удалённых: %4</translation>
    </message>
    <message>
        <source>classes mapped: %1; </source>
        <translation>маппированных классов: %1; </translation>
    </message>
    <message>
        <source>%1: identity %2, new %3, dirty %4, deleted %5</source>
        <translation>%1: идент. %2, нов. %3, изм. %4, удал. %5</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See how an ORM works, one event at a time.</source>
        <translation>Смотрите, как работает ORM, событие за событием.</translation>
    </message>
    <message>
        <source>Interface language: en or ru.</source>
        <translation>Язык интерфейса: en или ru.</translation>
    </message>
    <message>
        <source>A project file to open.</source>
        <translation>Файл проекта для открытия.</translation>
    </message>
</context>
<context>
    <name>ms::ClassEditor</name>
    <message>
        <source>Select a class on the diagram, or add one with Edit &gt; Add Class.</source>
        <translation>Выберите класс на диаграмме или добавьте новый через Правка &gt; Добавить класс.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Таблица:</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <source>Add a column</source>
        <translation>Добавить столбец</translation>
    </message>
    <message>
        <source>Relationships</source>
        <translation>Связи</translation>
    </message>
    <message>
        <source>Add a relationship</source>
        <translation>Добавить связь</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>Удалить выбранную строку</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Вверх</translation>
    </message>
    <message>
        <source>Move the selected row up</source>
        <translation>Переместить выбранную строку вверх</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Вниз</translation>
    </message>
    <message>
        <source>Move the selected row down</source>
        <translation>Переместить выбранную строку вниз</translation>
    </message>
    <message>
        <source>%1: the class keeps its name &quot;%2&quot; (Escape puts it back).</source>
        <translation>%1: класс сохраняет имя «%2» (Escape возвращает его в поле).</translation>
    </message>
</context>
<context>
    <name>ms::ClassItem</name>
    <message>
        <source>PK</source>
        <translation>PK</translation>
    </message>
    <message>
        <source>FK</source>
        <translation>FK</translation>
    </message>
    <message>
        <source>table %1</source>
        <translation>таблица %1</translation>
    </message>
    <message>
        <source>(no columns)</source>
        <translation>(нет столбцов)</translation>
    </message>
    <message>
        <source>not null</source>
        <translation>NOT NULL</translation>
    </message>
    <message>
        <source>version counter</source>
        <translation>счётчик версий</translation>
    </message>
    <message>
        <source>PK: the primary key</source>
        <translation>PK: первичный ключ</translation>
    </message>
    <message>
        <source>FK: a foreign key to %1&apos;s primary key</source>
        <translation>FK: внешний ключ на первичный ключ %1</translation>
    </message>
    <message>
        <source>U</source>
        <translation>U</translation>
    </message>
    <message>
        <source>U: unique, no two rows hold the same %1 (an INSERT or UPDATE that repeats one fails with an IntegrityError)</source>
        <translation>U: уникальный, никакие две строки не содержат одинаковое значение %1 (INSERT или UPDATE, повторяющий его, завершается ошибкой IntegrityError)</translation>
    </message>
</context>
<context>
    <name>ms::CollectionPanel</name>
    <message>
        <source>&amp;Append...</source>
        <translation>&amp;Добавить...</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Убрать</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Загрузить</translation>
    </message>
    <message>
        <source>Append an object to the collection (fires append, and the backref&apos;s set)</source>
        <translation>Добавить объект в коллекцию (вызывает append, а также set обратной ссылки)</translation>
    </message>
    <message>
        <source>Remove the selected objects from the collection</source>
        <translation>Убрать выбранные объекты из коллекции</translation>
    </message>
    <message>
        <source>Read the collection, loading it from the database if needed</source>
        <translation>Прочитать коллекцию, при необходимости загрузив её из базы данных</translation>
    </message>
    <message>
        <source>&lt;b&gt;Collection&lt;/b&gt;</source>
        <translation>&lt;b&gt;Коллекция&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(select one object)</source>
        <translation>(выберите один объект)</translation>
    </message>
    <message>
        <source>(expired)</source>
        <translation>(устарела)</translation>
    </message>
    <message>
        <source>(not loaded)</source>
        <translation>(не загружена)</translation>
    </message>
    <message>
        <source>No %1 objects yet: create one first</source>
        <translation>Объектов %1 пока нет: сначала создайте хотя бы один</translation>
    </message>
</context>
<context>
    <name>ms::ColumnsModel</name>
    <message>
        <source>A JSON value: 0, 2.5, true, &quot;text&quot;; empty for none</source>
        <translation>Значение JSON: 0, 2.5, true, &quot;text&quot;; пусто — без значения</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Primary key</source>
        <translation>Первичный ключ</translation>
    </message>
    <message>
        <source>Nullable</source>
        <translation>Допускает NULL</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>Уникальный</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>По умолчанию</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Ссылается на</translation>
    </message>
    <message>
        <source>The class&apos;s version counter (SQLAlchemy&apos;s version_id_col): the flush writes 1 at the INSERT, adds one at each UPDATE, and checks the value it read in the UPDATE&apos;s and the DELETE&apos;s WHERE; a row another session changed fails with StaleDataError</source>
        <translation>Счётчик версий класса (version_id_col в SQLAlchemy): сброс записывает 1 при INSERT, прибавляет единицу при каждом UPDATE и проверяет прочитанное значение в WHERE у UPDATE и DELETE; строка, изменённая другой сессией, даёт StaleDataError</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
</context>
<context>
    <name>ms::CompareDialog</name>
    <message>
        <source>Compare with SQLAlchemy</source>
        <translation>Сравнение с SQLAlchemy</translation>
    </message>
    <message>
        <source>&amp;Scenario:</source>
        <translation>&amp;Сценарий:</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>С&amp;равнить</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>SQLAlchemy 1.4</source>
        <translation>SQLAlchemy 1.4</translation>
    </message>
    <message>
        <source>Mapperscope</source>
        <translation>Mapperscope</translation>
    </message>
    <message>
        <source>The project has no scenario to compare.</source>
        <translation>В проекте нет сценария для сравнения.</translation>
    </message>
    <message>
        <source>There is no scenario named &quot;%1&quot;.</source>
        <translation>Сценария «%1» нет.</translation>
    </message>
    <message>
        <source>The model has problems: %1</source>
        <translation>В модели есть ошибки: %1</translation>
    </message>
    <message>
        <source>They differ: %1</source>
        <translation>Расходятся: %1</translation>
    </message>
    <message>
        <source>events: %1</source>
        <translation>событий: %1</translation>
    </message>
    <message>
        <source>Match: SQLAlchemy fires the same hooks in the same order in every step (%1 steps, compared as trace_compare.py does).</source>
        <translation>Совпадают: SQLAlchemy вызывает те же хуки в том же порядке на каждом шаге (шагов: %1, сравнение как в trace_compare.py).</translation>
    </message>
</context>
<context>
    <name>ms::ConnectionDialog</name>
    <message>
        <source>In &amp;memory (gone when the window closes)</source>
        <translation>В п&amp;амяти (исчезает при закрытии окна)</translation>
    </message>
    <message>
        <source>In a &amp;file:</source>
        <translation>В &amp;файле:</translation>
    </message>
    <message>
        <source>&amp;Save the password in the project file</source>
        <translation>&amp;Сохранять пароль в файле проекта</translation>
    </message>
    <message>
        <source>Database Connection</source>
        <translation>Подключение к базе данных</translation>
    </message>
    <message>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>path of an SQLite file (created when missing)</source>
        <translation>путь к файлу SQLite (создаётся, если его нет)</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Обзор...</translation>
    </message>
    <message>
        <source>default (5432)</source>
        <translation>по умолчанию (5432)</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Хост:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Порт:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;База данных:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Паро&amp;ль:</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>П&amp;роверить подключение</translation>
    </message>
    <message>
        <source>D&amp;river:</source>
        <translation>&amp;Драйвер:</translation>
    </message>
    <message>
        <source>SQLite Database File</source>
        <translation>Файл базы данных SQLite</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)</source>
        <translation>Базы данных SQLite (*.sqlite *.sqlite3 *.db);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Подключено.</translation>
    </message>
    <message>
        <source>path of an existing SQLite file</source>
        <translation>путь к существующему файлу SQLite</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Файла %1 нет.</translation>
    </message>
</context>
<context>
    <name>ms::DatabaseFlows</name>
    <message>
        <source>The engine is paused inside a hook: Continue, Step or Run to End first.</source>
        <translation>Движок остановлен внутри хука: сначала «Продолжить», «Шаг» или «Выполнить до конца».</translation>
    </message>
    <message>
        <source>The session is in the middle of an operation: wait until it is over.</source>
        <translation>Сессия в середине операции: дождитесь её окончания.</translation>
    </message>
    <message>
        <source>Cannot Connect</source>
        <translation>Не удаётся подключиться</translation>
    </message>
    <message>
        <source>The database could not be opened.

%1</source>
        <translation>Не удалось открыть базу данных.

%1</translation>
    </message>
    <message>
        <source>Cannot Apply</source>
        <translation>Не удаётся применить</translation>
    </message>
    <message>
        <source>The model has %1 problem(s); fix them first (see Problems).

%2</source>
        <translation>В модели есть проблемы (%1); сначала исправьте их (см. «Проблемы»).

%2</translation>
    </message>
    <message>
        <source>%1 (%2 rows)</source>
        <translation>%1 (строк: %2)</translation>
    </message>
    <message>
        <source>Drop Tables?</source>
        <translation>Удалить таблицы?</translation>
    </message>
    <message>
        <source>Applying the model drops and recreates these tables, and the rows they hold are lost:

%1

Apply anyway?</source>
        <translation>При применении модели эти таблицы будут удалены и созданы заново, а хранящиеся в них строки будут потеряны:

%1

Всё равно применить?</translation>
    </message>
    <message>
        <source>The tables could not be created.

%1</source>
        <translation>Не удалось создать таблицы.

%1</translation>
    </message>
    <message>
        <source>Mapped %1 classes and created their tables.</source>
        <translation>Выполнен маппинг классов (%1), их таблицы созданы.</translation>
    </message>
    <message>
        <source>Paused Inside a Hook</source>
        <translation>Пауза внутри хука</translation>
    </message>
    <message>
        <source>The engine is paused inside a hook, in the middle of an operation. Finish it without stopping, roll the session back and close?</source>
        <translation>Движок остановлен внутри хука, посреди операции. Завершить её без остановок, откатить сессию и закрыть?</translation>
    </message>
    <message>
        <source>Import Database: Which Database?</source>
        <translation>Импорт базы данных: какая база?</translation>
    </message>
    <message>
        <source>Import Database</source>
        <translation>Импорт базы данных</translation>
    </message>
    <message>
        <source>Choose an SQLite file, or a PostgreSQL database: an in-memory database has no tables to import.</source>
        <translation>Выберите файл SQLite или базу PostgreSQL: в базе в памяти нет таблиц для импорта.</translation>
    </message>
    <message>
        <source>Cannot Import</source>
        <translation>Импорт невозможен</translation>
    </message>
    <message>
        <source>The database could not be read; the project is unchanged.

%1</source>
        <translation>Базу данных не удалось прочитать; проект не изменён.

%1</translation>
    </message>
    <message>
        <source>Imported %1 tables from %2 (Edit &gt; Undo takes it back)</source>
        <translation>Импортировано таблиц: %1 из %2 (Правка &gt; Отменить вернёт как было)</translation>
    </message>
    <message>
        <source>Cannot Use the Existing Tables</source>
        <translation>Нельзя использовать существующие таблицы</translation>
    </message>
    <message>
        <source>The session was not started; nothing was changed. Change the model, or Apply it to replace the tables.</source>
        <translation>Сессия не начата; ничего не изменено. Измените модель или примените её, чтобы заменить таблицы.</translation>
    </message>
    <message>
        <source>A session on the existing tables: nothing was dropped or created</source>
        <translation>Сессия на существующих таблицах: ничего не удалено и не создано</translation>
    </message>
</context>
<context>
    <name>ms::DescriptionBar</name>
    <message>
        <source>&amp;Hide</source>
        <translation>&amp;Скрыть</translation>
    </message>
    <message>
        <source>Hide the project&apos;s description (Help &gt; About This Project shows it again)</source>
        <translation>Скрыть описание проекта (Справка &gt; О проекте покажет его снова)</translation>
    </message>
    <message>
        <source>&amp;More...</source>
        <translation>&amp;Подробнее...</translation>
    </message>
    <message>
        <source>The whole description</source>
        <translation>Описание целиком</translation>
    </message>
    <message>
        <source>About This Project</source>
        <translation>О проекте</translation>
    </message>
</context>
<context>
    <name>ms::DiagramScene</name>
    <message>
        <source>backref %1</source>
        <translation>backref %1</translation>
    </message>
    <message>
        <source>Automatic layout</source>
        <translation>Автоматическое размещение</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>Перемещение %1</translation>
    </message>
    <message>
        <source>Move %1 classes</source>
        <translation>Перемещение классов: %1</translation>
    </message>
</context>
<context>
    <name>ms::EventCategory</name>
    <message>
        <source>session</source>
        <translation>сессия</translation>
    </message>
    <message>
        <source>mapper</source>
        <translation>маппер</translation>
    </message>
    <message>
        <source>instance</source>
        <translation>экземпляр</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>атрибут</translation>
    </message>
    <message>
        <source>query</source>
        <translation>запрос</translation>
    </message>
    <message>
        <source>instrumentation</source>
        <translation>инструментирование</translation>
    </message>
    <message>
        <source>statement</source>
        <translation>SQL-оператор</translation>
    </message>
    <message>
        <source>step</source>
        <translation>шаг</translation>
    </message>
</context>
<context>
    <name>ms::EventLogModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Hook</source>
        <translation>Хук</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Атрибут</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Старое значение</translation>
    </message>
</context>
<context>
    <name>ms::EventLogView</name>
    <message>
        <source>All categories</source>
        <translation>Все категории</translation>
    </message>
    <message>
        <source>All hooks</source>
        <translation>Все хуки</translation>
    </message>
    <message>
        <source>class</source>
        <translation>класс</translation>
    </message>
    <message>
        <source>object</source>
        <translation>объект</translation>
    </message>
    <message>
        <source>C&amp;lear Log</source>
        <translation>&amp;Очистить журнал</translation>
    </message>
    <message>
        <source>Forget the recorded events (the session is not touched)</source>
        <translation>Забыть записанные события (сессия не затрагивается)</translation>
    </message>
    <message>
        <source>%1 older events were dropped: the log keeps the last %2 (Session ▸ Event Log Limit...).</source>
        <translation>Отброшено более старых событий: %1; журнал хранит последние %2 (Сессия ▸ Предел журнала событий...).</translation>
    </message>
    <message>
        <source>What Is This &amp;Hook?</source>
        <translation>Что это за &amp;хук?</translation>
    </message>
    <message>
        <source>text</source>
        <translation>текст</translation>
    </message>
    <message>
        <source>Only the events of classes whose name contains this</source>
        <translation>Только события классов, в имени которых есть этот текст</translation>
    </message>
    <message>
        <source>Only the events of objects whose label contains this</source>
        <translation>Только события объектов, в метке которых есть этот текст</translation>
    </message>
    <message>
        <source>Only the events whose hook, attribute or value contains this text</source>
        <translation>Только события, в хуке, атрибуте или значении которых есть этот текст</translation>
    </message>
    <message>
        <source>Open the guide at this hook: when it fires and what it is for</source>
        <translation>Открыть руководство на этом хуке: когда он вызывается и для чего нужен</translation>
    </message>
</context>
<context>
    <name>ms::Exporter</name>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>Не удаётся экспортировать</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Экспортировано: %1</translation>
    </message>
    <message>
        <source>the model cannot be exported while it has problems: %1</source>
        <translation>модель нельзя экспортировать, пока в ней есть ошибки: %1</translation>
    </message>
    <message>
        <source>unknown kind of export &quot;.%1&quot;: use .jsonl, .csv, .html, .png, .pdf, .py or .sql</source>
        <translation>неизвестный вид экспорта «.%1»: используйте .jsonl, .csv, .html, .png, .pdf, .py или .sql</translation>
    </message>
    <message>
        <source>Report to hand out, HTML (*.html);;Event trace, JSON Lines (*.jsonl);;Event trace, CSV (*.csv);;Timeline, PNG (*.png);;Timeline, PDF (*.pdf);;SQLAlchemy program, Python (*.py);;Tables, SQL DDL (*.sql)</source>
        <translation>Отчёт для раздачи, HTML (*.html);;Трасса событий, JSON Lines (*.jsonl);;Трасса событий, CSV (*.csv);;Временная шкала, PNG (*.png);;Временная шкала, PDF (*.pdf);;Программа на SQLAlchemy, Python (*.py);;Таблицы, SQL DDL (*.sql)</translation>
    </message>
</context>
<context>
    <name>ms::GuideWindow</name>
    <message>
        <source>Mapperscope Guide</source>
        <translation>Руководство Mapperscope</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <source>Back to where you were (%1)</source>
        <translation>Назад, туда, где вы были (%1)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Вперёд</translation>
    </message>
    <message>
        <source>Forward again (%1)</source>
        <translation>Снова вперёд (%1)</translation>
    </message>
    <message>
        <source>&amp;Top</source>
        <translation>&amp;В начало</translation>
    </message>
    <message>
        <source>The beginning of the guide</source>
        <translation>Начало руководства</translation>
    </message>
    <message>
        <source>Find in the guide (Enter: next, Shift+Enter: previous)</source>
        <translation>Поиск в руководстве (Enter: следующее, Shift+Enter: предыдущее)</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>A listener goes on the session.</source>
        <translation>Слушатель ставится на сессию.</translation>
    </message>
    <message>
        <source>A listener goes on a class, or on every class (*).</source>
        <translation>Слушатель ставится на класс или на все классы (*).</translation>
    </message>
    <message>
        <source>A listener goes on an attribute (Class.attribute), or on every attribute (*).</source>
        <translation>Слушатель ставится на атрибут (Класс.атрибут) или на все атрибуты (*).</translation>
    </message>
    <message>
        <source>Not a hook: no listener can be put on it.</source>
        <translation>Не хук: слушателя на него поставить нельзя.</translation>
    </message>
    <message>
        <source>Ming has it; SQLAlchemy does not.</source>
        <translation>Есть в Ming, нет в SQLAlchemy.</translation>
    </message>
</context>
<context>
    <name>ms::ImportDialog</name>
    <message>
        <source>Import Database</source>
        <translation>Импорт базы данных</translation>
    </message>
    <message>
        <source>Tables that become classes: %1. Edit a class name to change it; the model replaces the open project&apos;s, as one step you can undo.</source>
        <translation>Таблиц, которые станут классами: %1. Имя класса можно изменить; модель заменит модель открытого проекта одним шагом, который можно отменить.</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Таблица</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Столбцы</translation>
    </message>
    <message>
        <source>Nothing was left out.</source>
        <translation>Ничего не пропущено.</translation>
    </message>
    <message>
        <source>Left out (the model cannot express it yet):</source>
        <translation>Пропущено (модель пока не умеет это выразить):</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Импортировать</translation>
    </message>
</context>
<context>
    <name>ms::InspectorView</name>
    <message>
        <source>Select an event on the timeline or in the log to see its arguments, values and what the hook is for.</source>
        <translation>Выберите событие на временной шкале или в журнале, чтобы увидеть его аргументы, значения и назначение хука.</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>сбой</translation>
    </message>
    <message>
        <source>event #%1 (category: %2), %3 ms after the log began</source>
        <translation>событие #%1 (категория: %2), через %3 мс после начала журнала</translation>
    </message>
    <message>
        <source>every mapper</source>
        <translation>все мапперы</translation>
    </message>
    <message>
        <source>the mapper of %1</source>
        <translation>маппер класса %1</translation>
    </message>
    <message>
        <source>%1 (a %2)</source>
        <translation>%1 (объект %2)</translation>
    </message>
    <message>
        <source>the session</source>
        <translation>сессия</translation>
    </message>
    <message>
        <source>the flush&apos;s database connection</source>
        <translation>соединение с базой данных, используемое flush</translation>
    </message>
    <message>
        <source>the unit of work (UOWTransaction)</source>
        <translation>единица работы (UOWTransaction)</translation>
    </message>
    <message>
        <source>a subtransaction (a flush&apos;s)</source>
        <translation>подтранзакция (созданная flush)</translation>
    </message>
    <message>
        <source>the root transaction</source>
        <translation>корневая транзакция</translation>
    </message>
    <message>
        <source>the session&apos;s transaction</source>
        <translation>транзакция сессии</translation>
    </message>
    <message>
        <source>the attribute event (Event)</source>
        <translation>событие атрибута (Event)</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Аргументы</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Атрибут</translation>
    </message>
    <message>
        <source>State after it</source>
        <translation>Состояние после события</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Строки</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Новое значение</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Старое значение</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>What this hook is for</source>
        <translation>Назначение хука</translation>
    </message>
    <message>
        <source>unknown (its earlier events were dropped by the log&apos;s limit)</source>
        <translation>неизвестно (его более ранние события отброшены пределом журнала)</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <source>Did not fire</source>
        <translation>Не сработали</translation>
    </message>
</context>
<context>
    <name>ms::Interface</name>
    <message>
        <source>en</source>
        <extracomment>The interface language&apos;s code: picks the lessons, the guide and the report&apos;s date in that language (&quot;ru&quot; for Russian).</extracomment>
        <translation>ru</translation>
    </message>
</context>
<context>
    <name>ms::LanguageMenu</name>
    <message>
        <source>System Default</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>The language changes at the next start of Mapperscope.</source>
        <translation>Язык изменится при следующем запуске Mapperscope.</translation>
    </message>
</context>
<context>
    <name>ms::LessonsDialog</name>
    <message>
        <source>Open Lesson</source>
        <translation>Открыть урок</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Уроки</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Примеры</translation>
    </message>
    <message>
        <source>No lessons were found. They are installed in share/mapperscope/lessons beside the program&apos;s folder; the environment variable MAPPERSCOPE_LESSONS can name another folder.</source>
        <translation>Уроки не найдены. Они устанавливаются в share/mapperscope/lessons рядом с папкой программы; переменная окружения MAPPERSCOPE_LESSONS может указать другую папку.</translation>
    </message>
    <message>
        <source>Each lesson is a project with scenarios to play and listeners that pause or change the session. Opening one replaces the open project.</source>
        <translation>Каждый урок — проект со сценариями для воспроизведения и слушателями, которые останавливают или меняют сессию. Открытие урока заменяет открытый проект.</translation>
    </message>
    <message>
        <source>(This project has no description.)</source>
        <translation>(У этого проекта нет описания.)</translation>
    </message>
</context>
<context>
    <name>ms::ListenerDialog</name>
    <message>
        <source>Listener</source>
        <translation>Слушатель</translation>
    </message>
    <message>
        <source>log: highlight the event</source>
        <translation>log: выделить событие</translation>
    </message>
    <message>
        <source>pause: stop inside the hook</source>
        <translation>pause: остановиться внутри хука</translation>
    </message>
    <message>
        <source>set: assign an attribute of the object</source>
        <translation>set: присвоить атрибут объекта</translation>
    </message>
    <message>
        <source>raise: fail with a message</source>
        <translation>raise: завершиться ошибкой с сообщением</translation>
    </message>
    <message>
        <source>the value</source>
        <translation>значение</translation>
    </message>
    <message>
        <source>now()</source>
        <translation>now()</translation>
    </message>
    <message>
        <source>a counter: 1, 2, 3...</source>
        <translation>счётчик: 1, 2, 3...</translation>
    </message>
    <message>
        <source>lower() of</source>
        <translation>lower() от</translation>
    </message>
    <message>
        <source>upper() of</source>
        <translation>upper() от</translation>
    </message>
    <message>
        <source>a number, true, false, null or text</source>
        <translation>число, true, false, null или текст</translation>
    </message>
    <message>
        <source>&amp;Attribute:</source>
        <translation>&amp;Атрибут:</translation>
    </message>
    <message>
        <source>&amp;Gets:</source>
        <translation>&amp;Получает:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Значение:</translation>
    </message>
    <message>
        <source>&amp;Of:</source>
        <translation>&amp;От:</translation>
    </message>
    <message>
        <source>what the error says</source>
        <translation>что говорит ошибка</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Сообщение:</translation>
    </message>
    <message>
        <source>&amp;Hook:</source>
        <translation>&amp;Хук:</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>&amp;Цель:</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>&amp;Действие:</translation>
    </message>
    <message>
        <source>the session</source>
        <translation>сессия</translation>
    </message>
    <message>
        <source>every class (*)</source>
        <translation>все классы (*)</translation>
    </message>
    <message>
        <source>every attribute (*)</source>
        <translation>все атрибуты (*)</translation>
    </message>
    <message>
        <source>The event is highlighted on the timeline and in the log.</source>
        <translation>Событие выделяется на временной шкале и в журнале.</translation>
    </message>
    <message>
        <source>The engine stops inside the hook; every view shows that moment. Continue, Step or Run to End from the pause bar.</source>
        <translation>Движок останавливается внутри хука; все представления показывают этот момент. «Продолжить», «Шаг» или «Выполнить до конца» — на панели паузы.</translation>
    </message>
    <message>
        <source>Assigns an attribute of the hook&apos;s object, as an updated_at or slug hook does; the assignment is its own set event.</source>
        <translation>Присваивает атрибут объекта хука, как это делают хуки updated_at или slug; присваивание — отдельное событие set.</translation>
    </message>
    <message>
        <source>Throws with the message: the operation fails (a flush rolls back) and the error names the hook.</source>
        <translation>Выбрасывает исключение с сообщением: операция завершается ошибкой (flush откатывается), и ошибка называет хук.</translation>
    </message>
    <message>
        <source>Empty: a listener. A name: a method of that Ming-style extension (a MapperExtension of the class, or a SessionExtension for the session and for every class); extensions take effect at the next Apply</source>
        <translation>Пусто: слушатель. Имя: метод расширения в стиле Ming с этим именем (MapperExtension класса или SessionExtension для сессии и всех классов); расширения начинают работать при следующем применении</translation>
    </message>
    <message>
        <source>E&amp;xtension:</source>
        <translation>&amp;Расширение:</translation>
    </message>
    <message>
        <source>Find a hook: insert, flush, attach...</source>
        <translation>Найти хук: insert, flush, attach...</translation>
    </message>
    <message>
        <source>The Ming extension this method belongs to: a MapperExtension of the class, or the session&apos;s SessionExtension</source>
        <translation>Расширение Ming, которому принадлежит этот метод: MapperExtension класса или SessionExtension сессии</translation>
    </message>
    <message>
        <source>the session (a SessionExtension)</source>
        <translation>сессия (SessionExtension)</translation>
    </message>
    <message>
        <source>%1 (a MapperExtension)</source>
        <translation>%1 (MapperExtension)</translation>
    </message>
</context>
<context>
    <name>ms::ListenersPanel</name>
    <message>
        <source>&amp;Add...</source>
        <translation>&amp;Добавить...</translation>
    </message>
    <message>
        <source>&amp;Edit...</source>
        <translation>&amp;Изменить...</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>В&amp;верх</translation>
    </message>
    <message>
        <source>&amp;Down</source>
        <translation>В&amp;низ</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Hook</source>
        <translation>Хук</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Listeners of the same hook run in this order (chaining order); move them with Up and Down</source>
        <translation>Слушатели одного хука выполняются в этом порядке (порядок цепочки); меняйте его кнопками «Вверх» и «Вниз»</translation>
    </message>
    <message>
        <source>counter</source>
        <translation>счётчик</translation>
    </message>
    <message>
        <source>set %1 = %2</source>
        <translation>set %1 = %2</translation>
    </message>
    <message>
        <source>raise</source>
        <translation>raise</translation>
    </message>
    <message>
        <source>raise &quot;%1&quot;</source>
        <translation>raise «%1»</translation>
    </message>
    <message>
        <source>Add listener</source>
        <translation>Добавить слушателя</translation>
    </message>
    <message>
        <source>Edit listener</source>
        <translation>Изменить слушателя</translation>
    </message>
    <message>
        <source>Remove listener</source>
        <translation>Удалить слушателя</translation>
    </message>
    <message>
        <source>Move listener</source>
        <translation>Переместить слушателя</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Расширение</translation>
    </message>
    <message>
        <source>What Is This &amp;Hook?</source>
        <translation>Что это за &amp;хук?</translation>
    </message>
    <message>
        <source>log</source>
        <translation>отметить</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>пауза</translation>
    </message>
    <message>
        <source>session</source>
        <translation>сессия</translation>
    </message>
    <message>
        <source>The session (%1 in the project file)</source>
        <translation>Сессия (%1 в файле проекта)</translation>
    </message>
</context>
<context>
    <name>ms::MainWindow</name>
    <message>
        <source>Problems</source>
        <translation>Проблемы</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>&amp;Открыть...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About Mapperscope</source>
        <translation>&amp;О программе Mapperscope</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Основная</translation>
    </message>
    <message>
        <source>About Mapperscope</source>
        <translation>О программе Mapperscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Mapperscope %1&lt;/h3&gt;&lt;p&gt;See how an ORM works: every session, mapper, instance, attribute and SQL event, as SQLAlchemy fires it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Mapperscope %1&lt;/h3&gt;&lt;p&gt;Смотрите, как работает ORM: каждое событие сессии, маппера, экземпляра, атрибута и SQL — так, как их вызывает SQLAlchemy.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;original project&gt;</source>
        <translation>&lt;исходный проект&gt;</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Класс</translation>
    </message>
    <message>
        <source>Undo History</source>
        <translation>История изменений</translation>
    </message>
    <message>
        <source>Event Log</source>
        <translation>Журнал событий</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Открыть &amp;недавние</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Со&amp;хранить</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>Сохранить &amp;как...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Add &amp;Class</source>
        <translation>Добавить &amp;класс</translation>
    </message>
    <message>
        <source>Add Co&amp;lumn</source>
        <translation>Добавить &amp;столбец</translation>
    </message>
    <message>
        <source>Add R&amp;elationship</source>
        <translation>Добавить с&amp;вязь</translation>
    </message>
    <message>
        <source>Re&amp;name Class</source>
        <translation>Переи&amp;меновать класс</translation>
    </message>
    <message>
        <source>Re&amp;move Class</source>
        <translation>&amp;Удалить класс</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>С&amp;ессия</translation>
    </message>
    <message>
        <source>Database &amp;Connection...</source>
        <translation>&amp;Подключение к базе данных...</translation>
    </message>
    <message>
        <source>&amp;Apply to Database</source>
        <translation>Пр&amp;именить к базе данных</translation>
    </message>
    <message>
        <source>Map the classes and create their tables (F5)</source>
        <translation>Выполнить маппинг классов и создать их таблицы (F5)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Увеличить</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>У&amp;меньшить</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Исходный размер</translation>
    </message>
    <message>
        <source>&amp;Fit Diagram</source>
        <translation>&amp;Вписать диаграмму</translation>
    </message>
    <message>
        <source>Automatic &amp;Layout</source>
        <translation>&amp;Автоматическое размещение</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>О &amp;Qt</translation>
    </message>
    <message>
        <source>%1[*] - Mapperscope</source>
        <translation>%1[*] - Mapperscope</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>Проектирование</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Сессия</translation>
    </message>
    <message>
        <source>SQL Log</source>
        <translation>Журнал SQL</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <source>Unit of Work</source>
        <translation>Единица работы</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Временная шкала</translation>
    </message>
    <message>
        <source>&amp;Design</source>
        <translation>&amp;Проектирование</translation>
    </message>
    <message>
        <source>Se&amp;ssion Workspace</source>
        <translation>Рабочая область &amp;сессии</translation>
    </message>
    <message>
        <source>Event &amp;Log Limit...</source>
        <translation>Предел &amp;журнала событий...</translation>
    </message>
    <message>
        <source>Listener %1 is not live: %2</source>
        <translation>Слушатель %1 не работает: %2</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>Слушатели</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Сценарии</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>&amp;Экспорт...</translation>
    </message>
    <message>
        <source>Re&amp;vert to Saved</source>
        <translation>&amp;Вернуть сохранённое</translation>
    </message>
    <message>
        <source>Discard the unsaved changes and read the file again</source>
        <translation>Отбросить несохранённые изменения и прочитать файл заново</translation>
    </message>
    <message>
        <source>The event trace (JSON Lines, CSV), an HTML report to hand out, the timeline (PNG, PDF), the project as a SQLAlchemy program or its tables as SQL</source>
        <translation>Трасса событий (JSON Lines, CSV), HTML-отчёт для раздачи, временная шкала (PNG, PDF), проект как программа на SQLAlchemy или его таблицы как SQL</translation>
    </message>
    <message>
        <source>Export to S&amp;QLAlchemy...</source>
        <translation>Экспорт в S&amp;QLAlchemy...</translation>
    </message>
    <message>
        <source>The model, the listeners and the scenarios as one Python module for SQLAlchemy 1.4 and 2.0 that plays a scenario and prints its events</source>
        <translation>Модель, слушатели и сценарии одним модулем Python для SQLAlchemy 1.4 и 2.0, который проигрывает сценарий и выводит его события</translation>
    </message>
    <message>
        <source>Compare with SQLAlchem&amp;y...</source>
        <translation>Сравнить с SQLAlchem&amp;y...</translation>
    </message>
    <message>
        <source>Play a scenario on the engine and on SQLAlchemy 1.4 and show the two traces side by side</source>
        <translation>Проиграть сценарий на движке и на SQLAlchemy 1.4 и показать две трассы рядом</translation>
    </message>
    <message>
        <source>&amp;Import Database...</source>
        <translation>&amp;Импорт базы данных...</translation>
    </message>
    <message>
        <source>Read the tables of an SQLite file or a PostgreSQL database into the model: columns, keys, constraints and foreign keys</source>
        <translation>Прочитать таблицы файла SQLite или базы PostgreSQL в модель: столбцы, ключи, ограничения и внешние ключи</translation>
    </message>
    <message>
        <source>Use &amp;Existing Tables</source>
        <translation>Использовать &amp;существующие таблицы</translation>
    </message>
    <message>
        <source>Start a session on the tables the database already has, after checking that they fit the model; nothing is dropped or created</source>
        <translation>Начать сессию на таблицах, которые уже есть в базе, проверив, что они соответствуют модели; ничего не удаляется и не создаётся</translation>
    </message>
    <message>
        <source>Compare T&amp;wo Runs...</source>
        <translation>Сравнить &amp;два прогона...</translation>
    </message>
    <message>
        <source>Play two scenarios, or one under two settings, and show the two traces side by side, step by step</source>
        <translation>Проиграть два сценария или один при двух настройках и показать две трассы рядом, по шагам</translation>
    </message>
    <message>
        <source>Open &amp;Lesson...</source>
        <translation>Открыть &amp;урок...</translation>
    </message>
    <message>
        <source>The bundled lessons and examples: the object lifecycle, the flush and its hooks, cascades, expiry, bulk statements, extensions</source>
        <translation>Встроенные уроки и примеры: жизненный цикл объекта, flush и его хуки, каскады, устаревание, массовые операторы, расширения</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Руководство</translation>
    </message>
    <message>
        <source>Getting started, the keyboard shortcuts, what each panel shows and every hook (F1)</source>
        <translation>Первые шаги, сочетания клавиш, что показывает каждая панель, и все хуки (F1)</translation>
    </message>
    <message>
        <source>About This &amp;Project</source>
        <translation>О &amp;проекте</translation>
    </message>
    <message>
        <source>This project has no description.</source>
        <translation>У этого проекта нет описания.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>&amp;ORM</source>
        <translation>&amp;ORM</translation>
    </message>
    <message>
        <source>&amp;SQLAlchemy 1.4</source>
        <translation>&amp;SQLAlchemy 1.4</translation>
    </message>
    <message>
        <source>A SQLAlchemy Session: a unit of work sorted by dependencies, transactions, SQLAlchemy&apos;s events</source>
        <translation>Сессия SQLAlchemy: единица работы, упорядоченная по зависимостям, транзакции, события SQLAlchemy</translation>
    </message>
    <message>
        <source>&amp;Ming 0.13</source>
        <translation>&amp;Ming 0.13</translation>
    </message>
    <message>
        <source>A Ming ODMSession: one object at a time in the order objects entered it, no transactions, only the extensions&apos; hooks</source>
        <translation>ODMSession Ming: по одному объекту в порядке, в котором они вошли в сессию, без транзакций, только хуки расширений</translation>
    </message>
    <message>
        <source>The ORM takes effect at the next Apply (F5)</source>
        <translation>ORM вступит в силу при следующем применении (F5)</translation>
    </message>
</context>
<context>
    <name>ms::MemberModelBase</name>
    <message>
        <source>%1: &quot;%2&quot; keeps its name.</source>
        <translation>%1: «%2» сохраняет своё имя.</translation>
    </message>
</context>
<context>
    <name>ms::MessageBar</name>
    <message>
        <source>Hide the message</source>
        <translation>Скрыть сообщение</translation>
    </message>
    <message>
        <source>&lt;b&gt;The operation failed&lt;/b&gt;</source>
        <translation>&lt;b&gt;Операция завершилась ошибкой&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 failed&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ошибка при выполнении %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>in: &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>место: &lt;code&gt;%1&lt;/code&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The database does not answer any more&lt;/b&gt; (the server stopped or the network is down). Reconnect when it is back: the session is rolled back and goes on with its objects.</source>
        <translation>&lt;b&gt;База данных больше не отвечает&lt;/b&gt; (сервер остановлен или сеть недоступна). Переподключитесь, когда она вернётся: сессия откатится и продолжит работу со своими объектами.</translation>
    </message>
    <message>
        <source>The transaction was rolled back; the tables show the states the session restored. Roll back (F8) to go on.</source>
        <translation>Транзакция откачена; в таблицах показаны состояния, восстановленные сессией. Чтобы продолжить, выполните откат (F8).</translation>
    </message>
    <message>
        <source>The transaction was rolled back to its savepoint; the tables show the states the session restored. Roll back to the savepoint (Session menu) to go on in the outer transaction, or roll back everything (F8).</source>
        <translation>Транзакция откачена к точке сохранения; в таблицах показаны состояния, восстановленные сессией. Чтобы продолжить во внешней транзакции, выполните откат к точке сохранения (меню «Сессия») или откатите всё (F8).</translation>
    </message>
</context>
<context>
    <name>ms::ObjectTableModel</name>
    <message>
        <source>identity key: %1</source>
        <translation>ключ идентичности: %1</translation>
    </message>
    <message>
        <source>(expired)</source>
        <translation>(устарело)</translation>
    </message>
    <message>
        <source>(not loaded)</source>
        <translation>(не загружено)</translation>
    </message>
    <message>
        <source>Expired: the next read loads it from the database.</source>
        <translation>Устарело: при следующем чтении значение будет загружено из базы данных.</translation>
    </message>
    <message>
        <source>Not loaded: the next read loads it from the database.</source>
        <translation>Не загружено: при следующем чтении значение будет загружено из базы данных.</translation>
    </message>
    <message>
        <source>Changed, not flushed: %1 -&gt; %2</source>
        <translation>Изменено, flush ещё не выполнен: %1 -&gt; %2</translation>
    </message>
    <message>
        <source>Changed, not flushed</source>
        <translation>Изменено, flush ещё не выполнен</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>column %1 %2</source>
        <translation>столбец %1 %2</translation>
    </message>
    <message>
        <source>many-to-one: pick an object</source>
        <translation>many-to-one: выберите объект</translation>
    </message>
    <message>
        <source>one-to-many: change it in the side list</source>
        <translation>one-to-many: изменяйте коллекцию в списке сбоку</translation>
    </message>
    <message>
        <source>one-to-one: pick an object</source>
        <translation>one-to-one: выберите объект</translation>
    </message>
    <message>
        <source>many-to-many (through %1): change it in the side list</source>
        <translation>many-to-many (через %1): изменяйте коллекцию в списке сбоку</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 в %2</translation>
    </message>
</context>
<context>
    <name>ms::PauseBar</name>
    <message>
        <source>Paused inside %1: every view shows the session at this moment, in the middle of the operation. Continue to the next pause, Step to the next event, or Run to End.</source>
        <translation>Пауза внутри %1: все представления показывают сессию в этот момент, посреди операции. «Продолжить» — до следующей паузы, «Шаг» — до следующего события, или «Выполнить до конца».</translation>
    </message>
</context>
<context>
    <name>ms::PresentationMode</name>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>Режим &amp;презентации</translation>
    </message>
    <message>
        <source>Large fonts, high contrast, only the session and the timeline, a slower scenario speed (F11)</source>
        <translation>Крупный шрифт, высокая контрастность, только сессия и временная шкала, более медленные сценарии (F11)</translation>
    </message>
</context>
<context>
    <name>ms::ProblemsList</name>
    <message>
        <source>No problems: the model can be applied to the database.</source>
        <translation>Проблем нет: модель можно применить к базе данных.</translation>
    </message>
</context>
<context>
    <name>ms::ProjectFlows</name>
    <message>
        <source>Revert to Saved</source>
        <translation>Вернуть сохранённое</translation>
    </message>
    <message>
        <source>Discard the unsaved changes to &quot;%1&quot; and read %2 again?</source>
        <translation>Отбросить несохранённые изменения в «%1» и прочитать %2 заново?</translation>
    </message>
    <message>
        <source>Cannot Revert</source>
        <translation>Не удалось вернуть сохранённое</translation>
    </message>
    <message>
        <source>The file could not be read; the project stays as it is.

%1</source>
        <translation>Файл не удалось прочитать; проект остаётся как есть.

%1</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Открыть проект</translation>
    </message>
    <message>
        <source>Mapperscope projects (*.msproj);;All files (*)</source>
        <translation>Проекты Mapperscope (*.msproj);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Cannot Open Project</source>
        <translation>Не удаётся открыть проект</translation>
    </message>
    <message>
        <source>The project could not be opened.

%1</source>
        <translation>Не удалось открыть проект.

%1</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Сохранить проект</translation>
    </message>
    <message>
        <source>Mapperscope projects (*.msproj)</source>
        <translation>Проекты Mapperscope (*.msproj)</translation>
    </message>
    <message>
        <source>Cannot Save Project</source>
        <translation>Не удаётся сохранить проект</translation>
    </message>
    <message>
        <source>The project was not saved; it is still open with its changes.

%1</source>
        <translation>Проект не сохранён; он по-прежнему открыт вместе с изменениями.

%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>The project &quot;%1&quot; has unsaved changes. Save them?</source>
        <translation>В проекте &quot;%1&quot; есть несохранённые изменения. Сохранить их?</translation>
    </message>
</context>
<context>
    <name>ms::QueryBar</name>
    <message>
        <source>&amp;Load</source>
        <translation>&amp;Загрузить</translation>
    </message>
    <message>
        <source>Query the database and load the matching objects into the session (autoflushes first)</source>
        <translation>Выполнить запрос к базе данных и загрузить подходящие объекты в сессию (сначала выполняется autoflush)</translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation>Зап&amp;рос</translation>
    </message>
    <message>
        <source>where</source>
        <translation>где</translation>
    </message>
    <message>
        <source>filters: name=alice, id=2 (empty: all rows); loading: posts:selectin</source>
        <translation>фильтры: name=alice, id=2 (пусто: все строки); загрузка: posts:selectin</translation>
    </message>
    <message>
        <source>Filters compare columns: name=alice, id=2. A relationship with a strategy loads it with the query: posts:joined, posts:selectin, posts:subquery, posts:raise, posts:noload, posts:select (SQLAlchemy&apos;s joinedload(), selectinload(), ...). populate_existing: objects already in the session take the rows&apos; values, changes not flushed are lost.</source>
        <translation>Фильтры сравнивают столбцы: name=alice, id=2. Связь со стратегией загружается вместе с запросом: posts:joined, posts:selectin, posts:subquery, posts:raise, posts:noload, posts:select (joinedload(), selectinload(), … в SQLAlchemy). populate_existing: объекты, уже загруженные в сессию, получают значения из строк, несброшенные изменения теряются.</translation>
    </message>
</context>
<context>
    <name>ms::RecentFiles</name>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>&amp;Очистить список</translation>
    </message>
</context>
<context>
    <name>ms::RecoveryPrompt</name>
    <message>
        <source>Unsaved changes autosaved for recovery</source>
        <translation>Несохранённые изменения сохранены для восстановления</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>Восстановление</translation>
    </message>
    <message>
        <source>A recovery file was found but cannot be read; it is removed.

%1</source>
        <translation>Найден файл восстановления, но прочитать его не удаётся; он удалён.

%1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Без имени</translation>
    </message>
    <message>
        <source>Recover Unsaved Changes</source>
        <translation>Восстановление несохранённых изменений</translation>
    </message>
    <message>
        <source>Mapperscope did not close properly. Unsaved changes to &quot;%1&quot; were autosaved at %2.</source>
        <translation>Mapperscope был закрыт некорректно. Несохранённые изменения в &quot;%1&quot; были автоматически сохранены в %2.</translation>
    </message>
    <message>
        <source>Restore them, or discard the recovery file?</source>
        <translation>Восстановить их или удалить файл восстановления?</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Восстановить</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>Restored the autosaved changes; save them to keep them.</source>
        <translation>Автоматически сохранённые изменения восстановлены; сохраните проект, чтобы не потерять их.</translation>
    </message>
</context>
<context>
    <name>ms::RelationshipsModel</name>
    <message>
        <source>(default) save-update, merge</source>
        <translation>(по умолчанию) save-update, merge</translation>
    </message>
    <message>
        <source>SQLAlchemy&apos;s cascade words: %1</source>
        <translation>Значения каскада SQLAlchemy: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Целевой класс</translation>
    </message>
    <message>
        <source>Backref</source>
        <translation>Backref</translation>
    </message>
    <message>
        <source>Cascade</source>
        <translation>Каскад</translation>
    </message>
    <message>
        <source>(automatic) %1</source>
        <translation>(автоматически) %1</translation>
    </message>
    <message>
        <source>The column that carries the foreign key (SQLAlchemy&apos;s foreign_keys=). Needed when several columns reference the same class; empty: the only one.</source>
        <translation>Столбец, в котором хранится внешний ключ (foreign_keys= в SQLAlchemy). Нужен, когда на один класс ссылаются несколько столбцов; пусто — единственный такой столбец.</translation>
    </message>
    <message>
        <source>Foreign key</source>
        <translation>Внешний ключ</translation>
    </message>
    <message>
        <source>(default) select</source>
        <translation>(по умолчанию) select</translation>
    </message>
    <message>
        <source>How the relationship is loaded (SQLAlchemy&apos;s lazy=): select when first read; joined in the parent&apos;s statement; selectin or subquery by a second SELECT for all the parents at once; raise: reading it is an error; noload: never loaded. A query step&apos;s options can override it.</source>
        <translation>Как загружается связь (lazy= в SQLAlchemy): select — при первом чтении; joined — в запросе родителя; selectin или subquery — вторым SELECT сразу для всех родителей; raise — чтение является ошибкой; noload — никогда не загружается. Параметры шага запроса могут это переопределить.</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Загрузка</translation>
    </message>
    <message>
        <source>A many-to-many&apos;s association table (SQLAlchemy&apos;s secondary=). Apply creates it with two columns, %1 and %2, each a foreign key to one side&apos;s primary key.</source>
        <translation>Таблица связи многие-ко-многим (secondary= в SQLAlchemy). «Применить» создаёт её с двумя столбцами, %1 и %2, каждый — внешний ключ на первичный ключ своей стороны.</translation>
    </message>
    <message>
        <source>Association table</source>
        <translation>Таблица связи</translation>
    </message>
</context>
<context>
    <name>ms::RunsDialog</name>
    <message>
        <source>Compare Two Runs</source>
        <translation>Сравнение двух прогонов</translation>
    </message>
    <message>
        <source>Run &amp;A</source>
        <translation>Прогон &amp;A</translation>
    </message>
    <message>
        <source>Run &amp;B</source>
        <translation>Прогон &amp;B</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>С&amp;равнить</translation>
    </message>
    <message>
        <source>Choose two runs (two scenarios, or one under two settings) and press Compare: each is played on a fresh in-memory database, then the traces are shown step by step, the steps that differ highlighted.</source>
        <translation>Выберите два прогона (два сценария или один при двух настройках) и нажмите «Сравнить»: каждый проигрывается на новой базе в памяти, затем трассы показываются по шагам, различающиеся шаги выделены.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>Statements A / B</source>
        <translation>Операторы A / B</translation>
    </message>
    <message>
        <source>&amp;Expire on commit</source>
        <translation>&amp;Устаревание при фиксации</translation>
    </message>
    <message>
        <source>relationships as drawn</source>
        <translation>связи как нарисованы</translation>
    </message>
    <message>
        <source>every relationship lazy=&quot;%1&quot;</source>
        <translation>все связи lazy=&quot;%1&quot;</translation>
    </message>
    <message>
        <source>The project has no scenario to play.</source>
        <translation>В проекте нет сценария для проигрывания.</translation>
    </message>
    <message>
        <source>The model has problems: %1</source>
        <translation>В модели есть ошибки: %1</translation>
    </message>
    <message>
        <source>There is no scenario named &quot;%1&quot;.</source>
        <translation>Сценария «%1» нет.</translation>
    </message>
    <message>
        <source>mapping</source>
        <translation>маппинг</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>шаг %1</translation>
    </message>
    <message>
        <source>%1 of %2 steps differ; statements: %3 in A, %4 in B.</source>
        <translation>Различаются шагов: %1 из %2; операторов: %3 в A, %4 в B.</translation>
    </message>
    <message>
        <source>(this window&apos;s events)</source>
        <translation>(события этого окна)</translation>
    </message>
    <message>
        <source>(a trace file...)</source>
        <translation>(файл трассы…)</translation>
    </message>
    <message>
        <source>Trace to Compare</source>
        <translation>Трасса для сравнения</translation>
    </message>
    <message>
        <source>Event traces (*.jsonl);;All files (*)</source>
        <translation>Трассы событий (*.jsonl);;Все файлы (*)</translation>
    </message>
    <message>
        <source>trace %1</source>
        <translation>трасса %1</translation>
    </message>
    <message>
        <source>This window has recorded no events.</source>
        <translation>Это окно не записало ни одного события.</translation>
    </message>
    <message>
        <source>One session for every step</source>
        <translation>Одна сессия на все шаги</translation>
    </message>
    <message>
        <source>Play the steps of every session in one session, against the sessions the project names</source>
        <translation>Сыграть шаги всех сессий в одной сессии, против сессий, названных в проекте</translation>
    </message>
</context>
<context>
    <name>ms::ScenarioPanel</name>
    <message>
        <source>&amp;Play</source>
        <translation>&amp;Воспроизвести</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>&amp;Пауза</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>&amp;Шаг</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Сначала</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Запись</translation>
    </message>
    <message>
        <source>Record your actions in the session workspace as a new scenario</source>
        <translation>Записать ваши действия в рабочей области сессии как новый сценарий</translation>
    </message>
    <message>
        <source>A fresh in-memory database with the model applied, from the first step</source>
        <translation>Новая база данных в памяти с применённой моделью, с первого шага</translation>
    </message>
    <message>
        <source>Play the next step</source>
        <translation>Выполнить следующий шаг</translation>
    </message>
    <message>
        <source>1 step in 2 s</source>
        <translation>1 шаг за 2 с</translation>
    </message>
    <message>
        <source>1 step/s</source>
        <translation>1 шаг/с</translation>
    </message>
    <message>
        <source>2 steps/s</source>
        <translation>2 шага/с</translation>
    </message>
    <message>
        <source>5 steps/s</source>
        <translation>5 шагов/с</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>как можно быстрее</translation>
    </message>
    <message>
        <source>Stop &amp;Recording (%1)</source>
        <translation>Остановить &amp;запись (%1)</translation>
    </message>
    <message>
        <source>Recording: every action in the session workspace becomes a step.</source>
        <translation>Запись: каждое действие в рабочей области сессии становится шагом.</translation>
    </message>
    <message>
        <source>Next: step %1 of %2.</source>
        <translation>Далее: шаг %1 из %2.</translation>
    </message>
    <message>
        <source>All %1 steps played.</source>
        <translation>Все шаги (%1) выполнены.</translation>
    </message>
    <message>
        <source>Step %1 was expected to fail and did not.</source>
        <translation>Шаг %1 должен был завершиться ошибкой, но не завершился.</translation>
    </message>
    <message>
        <source>Step %1 failed: %2</source>
        <translation>Шаг %1 завершился ошибкой: %2</translation>
    </message>
    <message>
        <source>Cannot restart: %1</source>
        <translation>Не удаётся начать сначала: %1</translation>
    </message>
    <message>
        <source>Restarted on a fresh in-memory SQLite database.</source>
        <translation>Начато сначала на новой базе SQLite в памяти.</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>записанный %1</translation>
    </message>
    <message>
        <source>Recorded Scenario</source>
        <translation>Записанный сценарий</translation>
    </message>
    <message>
        <source>Name of the scenario:</source>
        <translation>Имя сценария:</translation>
    </message>
    <message>
        <source>Nothing was recorded.</source>
        <translation>Ничего не записано.</translation>
    </message>
    <message>
        <source>Record scenario</source>
        <translation>Записать сценарий</translation>
    </message>
    <message>
        <source>Scenario &quot;%1&quot; starts on a fresh in-memory SQLite database: the session had been used.</source>
        <translation>Сценарий «%1» начинается на новой базе SQLite в памяти: сессия уже использовалась.</translation>
    </message>
    <message>
        <source>The session already holds what was done before: the recorded steps may refer to it. Restart first for a scenario that plays on its own.</source>
        <translation>В сессии уже есть то, что было сделано раньше: записанные шаги могут ссылаться на это. Чтобы сценарий воспроизводился сам по себе, сначала нажмите «Сначала».</translation>
    </message>
</context>
<context>
    <name>ms::SessionWorkspace</name>
    <message>
        <source>No session yet. Apply the model to a database (Session &gt; Apply to Database, F5) to create, flush and commit objects here.</source>
        <translation>Сессии пока нет. Примените модель к базе данных (Сессия &gt; Применить к базе данных, F5), чтобы создавать здесь объекты, выполнять flush и фиксировать их.</translation>
    </message>
    <message>
        <source>&amp;New Object</source>
        <translation>&amp;Новый объект</translation>
    </message>
    <message>
        <source>Construct a transient object of this class (Insert)</source>
        <translation>Создать временный (transient) объект этого класса (Insert)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <source>session.add(): the object becomes pending (cascades along save-update)</source>
        <translation>session.add(): объект становится ожидающим (pending); действие распространяется каскадом по save-update</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>session.delete(): marked for deletion at the next flush (Delete)</source>
        <translation>session.delete(): пометить для удаления при следующем flush (Delete)</translation>
    </message>
    <message>
        <source>E&amp;xpunge</source>
        <translation>Ис&amp;ключить</translation>
    </message>
    <message>
        <source>session.expunge(): the object leaves the session</source>
        <translation>session.expunge(): объект покидает сессию</translation>
    </message>
    <message>
        <source>E&amp;xpire</source>
        <translation>Пометить устар&amp;евшим</translation>
    </message>
    <message>
        <source>session.expire(): forget the loaded values; the next read loads</source>
        <translation>session.expire(): забыть загруженные значения; следующее чтение загрузит их заново</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Обно&amp;вить</translation>
    </message>
    <message>
        <source>session.refresh(): load the row again now</source>
        <translation>session.refresh(): сразу загрузить строку заново</translation>
    </message>
    <message>
        <source>&amp;Flush</source>
        <translation>&amp;Сбросить (flush)</translation>
    </message>
    <message>
        <source>session.flush(): send pending changes (F6)</source>
        <translation>session.flush(): отправить ожидающие изменения в базу данных (F6)</translation>
    </message>
    <message>
        <source>&amp;Commit</source>
        <translation>За&amp;фиксировать</translation>
    </message>
    <message>
        <source>session.commit(): flush and commit the transaction (F7)</source>
        <translation>session.commit(): выполнить flush и зафиксировать транзакцию (F7)</translation>
    </message>
    <message>
        <source>Roll&amp;back</source>
        <translation>&amp;Откатить</translation>
    </message>
    <message>
        <source>session.rollback(): undo the transaction (F8)</source>
        <translation>session.rollback(): откатить транзакцию (F8)</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <source>session.close(): roll back and detach every object</source>
        <translation>session.close(): откатить транзакцию и отсоединить все объекты</translation>
    </message>
    <message>
        <source>A&amp;utoflush</source>
        <translation>&amp;Автосброс</translation>
    </message>
    <message>
        <source>Flush before every query and lazy load</source>
        <translation>Выполнять flush перед каждым запросом и ленивой загрузкой (autoflush)</translation>
    </message>
    <message>
        <source>Expire on c&amp;ommit</source>
        <translation>Ус&amp;таревание при фиксации</translation>
    </message>
    <message>
        <source>Expire every object after a commit</source>
        <translation>Помечать все объекты устаревшими после фиксации (expire_on_commit)</translation>
    </message>
    <message>
        <source>&amp;Generate...</source>
        <translation>С&amp;генерировать...</translation>
    </message>
    <message>
        <source>Construct and add many objects of this class with random values</source>
        <translation>Создать и добавить в сессию много объектов этого класса со случайными значениями</translation>
    </message>
    <message>
        <source>Generate Objects</source>
        <translation>Генерация объектов</translation>
    </message>
    <message>
        <source>How many %1 objects to construct and add?</source>
        <translation>Сколько объектов %1 создать и добавить?</translation>
    </message>
    <message>
        <source>Generating %1 objects...</source>
        <translation>Генерация объектов %1...</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Остановить</translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation>&amp;Переподключиться</translation>
    </message>
    <message>
        <source>Open the lost database connection again; the session is rolled back and goes on (Ctrl+F5)</source>
        <translation>Снова открыть потерянное подключение к базе данных; сессия откатывается и продолжает работу (Ctrl+F5)</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Продолжить</translation>
    </message>
    <message>
        <source>Go on to the next pause (F9)</source>
        <translation>Продолжить до следующей паузы (F9)</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>&amp;Шаг</translation>
    </message>
    <message>
        <source>Stop again at the very next event (F10)</source>
        <translation>Остановиться на следующем же событии (F10)</translation>
    </message>
    <message>
        <source>Run to &amp;End</source>
        <translation>Выполнить до &amp;конца</translation>
    </message>
    <message>
        <source>No more pauses until this operation is over (Ctrl+F9)</source>
        <translation>Без пауз до конца этой операции (Ctrl+F9)</translation>
    </message>
    <message>
        <source>Make &amp;Transient</source>
        <translation>Сделать &amp;временным</translation>
    </message>
    <message>
        <source>make_transient(): the object leaves its session and forgets its identity; add() inserts it again</source>
        <translation>make_transient(): объект покидает сессию и забывает свою идентичность; add() вставит его снова</translation>
    </message>
    <message>
        <source>Make Transient to &amp;Detached</source>
        <translation>Сделать &amp;отсоединённым</translation>
    </message>
    <message>
        <source>make_transient_to_detached(): a transient object takes the identity of its primary key; add() makes it persistent without SQL</source>
        <translation>make_transient_to_detached(): временный объект получает идентичность по своему первичному ключу; add() делает его постоянным без SQL</translation>
    </message>
    <message>
        <source>Expire &amp;All</source>
        <translation>Пометить устаревшими &amp;все</translation>
    </message>
    <message>
        <source>session.expire_all(): every persistent object forgets its loaded values</source>
        <translation>session.expire_all(): каждый постоянный объект забывает загруженные значения</translation>
    </message>
    <message>
        <source>Expunge A&amp;ll</source>
        <translation>Искл&amp;ючить все</translation>
    </message>
    <message>
        <source>session.expunge_all(): every object leaves the session; the transaction stays</source>
        <translation>session.expunge_all(): все объекты покидают сессию; транзакция продолжается</translation>
    </message>
    <message>
        <source>Begin &amp;Savepoint</source>
        <translation>Начать то&amp;чку сохранения</translation>
    </message>
    <message>
        <source>session.begin_nested(): flush, then open a savepoint inside the transaction</source>
        <translation>session.begin_nested(): flush, затем точка сохранения внутри транзакции</translation>
    </message>
    <message>
        <source>Commit the innermost savepoint (flush, RELEASE SAVEPOINT); the transaction goes on</source>
        <translation>Зафиксировать самую внутреннюю точку сохранения (flush, RELEASE SAVEPOINT); транзакция продолжается</translation>
    </message>
    <message>
        <source>Roll back the innermost savepoint: only what changed since it is undone</source>
        <translation>Откатить самую внутреннюю точку сохранения: отменяется только то, что изменилось после неё</translation>
    </message>
    <message>
        <source>Release Sa&amp;vepoint</source>
        <translation>Осво&amp;бодить точку сохранения</translation>
    </message>
    <message>
        <source>Roll Back to Save&amp;point</source>
        <translation>Откатить к точке со&amp;хранения</translation>
    </message>
    <message>
        <source>The session your actions run in (the project names several)</source>
        <translation>Сессия, в которой выполняются ваши действия (в проекте их несколько)</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>Сессия %1</translation>
    </message>
    <message>
        <source>&amp;Merge into the Session</source>
        <translation>&amp;Слить в сессию</translation>
    </message>
    <message>
        <source>session.merge(): the object&apos;s loaded values are set on this session&apos;s object of its key (found, loaded by a SELECT, or made new); the object itself stays where it is</source>
        <translation>session.merge(): загруженные значения объекта записываются в объект этой сессии с тем же ключом (найденный, загруженный SELECT или новый); сам объект остаётся, где был</translation>
    </message>
    <message>
        <source>Not in a Ming session: %1</source>
        <translation>Нет в сессии Ming: %1</translation>
    </message>
</context>
<context>
    <name>ms::SqlLogModel</name>
    <message>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Параметры</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Строки</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>мс</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
</context>
<context>
    <name>ms::StatusLine</name>
    <message>
        <source>PostgreSQL %1@%2/%3</source>
        <translation>PostgreSQL %1@%2/%3</translation>
    </message>
    <message>
        <source>SQLite %1</source>
        <translation>SQLite %1</translation>
    </message>
    <message>
        <source>Database: %1 (connection lost)</source>
        <translation>База данных: %1 (подключение потеряно)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>База данных: %1</translation>
    </message>
    <message>
        <source>Session: %1</source>
        <translation>Сессия: %1</translation>
    </message>
    <message>
        <source>events: %1 (%2 older dropped)</source>
        <translation>событий: %1 (отброшено старых: %2)</translation>
    </message>
    <message>
        <source>events: %1</source>
        <translation>событий: %1</translation>
    </message>
    <message>
        <source>Event Log Limit</source>
        <translation>Предел журнала событий</translation>
    </message>
    <message>
        <source>Keep at most this many events; past it the oldest are dropped
(about 30 bytes each; the default is %1):</source>
        <translation>Хранить не больше стольких событий; сверх этого самые старые отбрасываются
(около 30 байт каждое; по умолчанию %1):</translation>
    </message>
</context>
<context>
    <name>ms::TimelineView</name>
    <message>
        <source>event order</source>
        <translation>порядок событий</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>сбой</translation>
    </message>
    <message>
        <source>&amp;Fit All</source>
        <translation>&amp;Вписать всё</translation>
    </message>
    <message>
        <source>Show every event (Home)</source>
        <translation>Показать все события (Home)</translation>
    </message>
    <message>
        <source>Follow &amp;Live</source>
        <translation>Следить в &amp;реальном времени</translation>
    </message>
    <message>
        <source>Scroll with new events; zooming or panning stops it (End)</source>
        <translation>Прокручивать вслед за новыми событиями; масштабирование или сдвиг отключают прокрутку (End)</translation>
    </message>
    <message>
        <source>X axis: </source>
        <translation>Ось X: </translation>
    </message>
    <message>
        <source>Event order</source>
        <translation>Порядок событий</translation>
    </message>
    <message>
        <source>Elapsed time</source>
        <translation>Прошедшее время</translation>
    </message>
    <message>
        <source>Evenly spaced events, or their real times</source>
        <translation>События через равные интервалы или по их реальному времени</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>&amp;Экспорт...</translation>
    </message>
    <message>
        <source>Save the visible timeline as PNG or PDF</source>
        <translation>Сохранить видимую часть временной шкалы в PNG или PDF</translation>
    </message>
    <message>
        <source>flush</source>
        <translation>сброс</translation>
    </message>
    <message>
        <source>transaction</source>
        <translation>транзакция</translation>
    </message>
    <message>
        <source>User actions</source>
        <translation>Действия пользователя</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Сессия</translation>
    </message>
    <message>
        <source>Mapper</source>
        <translation>Маппер</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Экземпляр</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Атрибут</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>elapsed time (ms)</source>
        <translation>прошедшее время (мс)</translation>
    </message>
    <message>
        <source>Cannot write %1: check that the folder exists and is writable.</source>
        <translation>Не удаётся записать %1: проверьте, что папка существует и доступна для записи.</translation>
    </message>
    <message>
        <source>Export Timeline</source>
        <translation>Экспорт временной шкалы</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>Изображение PNG (*.png);;Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>◀ %1 older events dropped (limit %2)</source>
        <translation>◀ отброшено старых событий: %1 (предел %2)</translation>
    </message>
    <message>
        <source>listened</source>
        <translation>со слушателем</translation>
    </message>
    <message>
        <source>savepoint</source>
        <translation>точка сохранения</translation>
    </message>
    <message numerus="yes">
        <source>+%n more (hover a marker)</source>
        <translation>
            <numerusform>ещё %n (наведите на маркер)</numerusform>
            <numerusform>ещё %n (наведите на маркер)</numerusform>
            <numerusform>ещё %n (наведите на маркер)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Legend</source>
        <translation>&amp;Легенда</translation>
    </message>
    <message>
        <source>Show the hooks&apos; colours and shapes under the lanes, in the room the lanes leave</source>
        <translation>Показывать цвета и формы хуков под дорожками, в месте, которое дорожки оставляют</translation>
    </message>
    <message>
        <source>What Is This &amp;Hook?</source>
        <translation>Что это за &amp;хук?</translation>
    </message>
</context>
<context>
    <name>ms::UnitOfWorkModel</name>
    <message>
        <source>session.identity_map: the persistent objects, by primary key</source>
        <translation>session.identity_map: постоянные (persistent) объекты по первичному ключу</translation>
    </message>
    <message>
        <source>session.new: pending objects, inserted at the next flush</source>
        <translation>session.new: ожидающие (pending) объекты, которые будут вставлены при следующем flush</translation>
    </message>
    <message>
        <source>session.dirty: persistent objects with changed attributes</source>
        <translation>session.dirty: постоянные объекты с изменёнными атрибутами</translation>
    </message>
    <message>
        <source>session.deleted: objects marked for deletion at the next flush</source>
        <translation>session.deleted: объекты, помеченные для удаления при следующем flush</translation>
    </message>
    <message>
        <source>Identity map</source>
        <translation>Карта идентичности</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Новые</translation>
    </message>
    <message>
        <source>Dirty</source>
        <translation>Изменённые</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Удалённые</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>Ожидающие изменения</translation>
    </message>
    <message>
        <source>Object in session %1</source>
        <translation>Объект в сессии %1</translation>
    </message>
</context>
</TS>
