<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="17"/>
        <source>Scan my network…</source>
        <translation>Сканировать сеть…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="18"/>
        <source>Add miners: 10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029</source>
        <translation>Добавить асики: 10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="21"/>
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="22"/>
        <source>Remove selected</source>
        <translation>Удалить выбранные</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="23"/>
        <source>Poll now</source>
        <translation>Опросить сейчас</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="24"/>
        <source>Poll</source>
        <translation>Опрос</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="25"/>
        <source>every </source>
        <translation>каждые </translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="26"/>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="27"/>
        <source>Fault settings…</source>
        <translation>Настройки неисправностей…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="28"/>
        <source>Fleet</source>
        <translation>Асики</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="29"/>
        <source>Faults</source>
        <translation>Неисправности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="30"/>
        <source>Racks</source>
        <translation>Стеллажи</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="31"/>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="33"/>
        <source>online</source>
        <translation>в сети</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="34"/>
        <source>offline</source>
        <translation>не в сети</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="35"/>
        <source>with faults</source>
        <translation>с неисправностями</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="36"/>
        <source>degraded</source>
        <translation>со сниженной работой</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="37"/>
        <source>waiting</source>
        <translation>ожидают</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="38"/>
        <source>total</source>
        <translation>всего</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="39"/>
        <source>of {nominal} nominal ({share})</source>
        <translation>из {nominal} номинала ({share})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="40"/>
        <source>({reporting} of {online} reporting)</source>
        <translation>(сообщают {reporting} из {online})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="41"/>
        <source>kW (no miner reports power)</source>
        <translation>кВт (ни один асик не сообщает мощность)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="42"/>
        <source>Last sweep {time} in {seconds} s</source>
        <translation>Последний опрос {time} за {seconds} с</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="43"/>
        <source>No sweep finished yet</source>
        <translation>Опрос ещё не завершён</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="44"/>
        <source>{total} miners</source>
        <translation>асиков: {total}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="45"/>
        <source>Showing {shown} of {total}</source>
        <translation>Показано {shown} из {total}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="46"/>
        <source>Faults ({count})</source>
        <translation>Неисправности ({count})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="47"/>
        <source>Engine not started</source>
        <translation>Опрос не запущен</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="48"/>
        <source>Polling {count} miners…</source>
        <translation>Опрашиваем асики: {count}…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="49"/>
        <source>Sweep {sweep}: {polled} miners in {seconds} s</source>
        <translation>Опрос {sweep}: {polled} асиков за {seconds} с</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="50"/>
        <source> ({count} offline, backing off)</source>
        <translation> ({count} не в сети, опрашиваются реже)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="51"/>
        <source>Sweep {sweep} running: {polled} of {total} polled</source>
        <translation>Идёт опрос {sweep}: {polled} из {total}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="52"/>
        <source>{title} on {where}</source>
        <translation>{title} на {where}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="54"/>
        <source>Filter (Ctrl+F): 10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  site:north  or any text</source>
        <translation>Фильтр (Ctrl+F): 10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  site:north  или любой текст</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/fleet_model.py" line="382"/>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="59"/>
        <source>Offline</source>
        <translation>Не в сети</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="60"/>
        <source>Critical</source>
        <translation>Критично</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="61"/>
        <source>Warning</source>
        <translation>Внимание</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="62"/>
        <source>Degraded</source>
        <translation>Снижение</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="63"/>
        <source>Problems only</source>
        <translation>Только проблемные</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="64"/>
        <source>Views</source>
        <translation>Виды</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="65"/>
        <source>Save current view…</source>
        <translation>Сохранить текущий вид…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="66"/>
        <source>Delete view</source>
        <translation>Удалить вид</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="67"/>
        <source>No grouping</source>
        <translation>Без группировки</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="68"/>
        <source>Group by site</source>
        <translation>По площадкам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="69"/>
        <source>Group by /24 block</source>
        <translation>По блокам /24</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="70"/>
        <source>Group by model</source>
        <translation>По моделям</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="71"/>
        <source>Group by firmware</source>
        <translation>По прошивкам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="72"/>
        <source>Group by pool</source>
        <translation>По пулам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="73"/>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="74"/>
        <source>Miners</source>
        <translation>Асики</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="75"/>
        <source>With faults</source>
        <translation>С неисправностями</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="77"/>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="78"/>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="79"/>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="80"/>
        <source>Hashrate</source>
        <translation>Хешрейт</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="81"/>
        <source>% nominal</source>
        <translation>% номинала</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="82"/>
        <source>Chip max</source>
        <translation>Чип макс.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="83"/>
        <source>Board max</source>
        <translation>Плата макс.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="84"/>
        <source>Fans</source>
        <translation>Вентиляторы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="85"/>
        <source>Power</source>
        <translation>Мощность</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="86"/>
        <source>J/TH</source>
        <translation>Дж/TH</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="87"/>
        <source>Pool</source>
        <translation>Пул</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="88"/>
        <source>Uptime</source>
        <translation>Время работы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="89"/>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="90"/>
        <source>OK</source>
        <translation>Норма</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="91"/>
        <source>Idle</source>
        <translation>Простой</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="92"/>
        <source>Info</source>
        <translation>Инфо</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="93"/>
        <source>Waiting</source>
        <translation>Ожидание</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="95"/>
        <source>&lt;h2&gt;No miners yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Асиков пока нет&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="96"/>
        <source>Scan this computer&apos;s networks to find your miners, or type their addresses in the box above: &lt;tt&gt;10.0.0.5&lt;/tt&gt;, &lt;tt&gt;10.0.0.0/24&lt;/tt&gt;, &lt;tt&gt;10.0.0.5-80&lt;/tt&gt;, &lt;tt&gt;10.0.0.5:4029&lt;/tt&gt;.&lt;br&gt;To try Rig Monitor without miners, open the demo: a simulated fleet on this computer.</source>
        <translation>Просканируйте сети этого компьютера, чтобы найти асики, или введите их адреса в поле выше: &lt;tt&gt;10.0.0.5&lt;/tt&gt;, &lt;tt&gt;10.0.0.0/24&lt;/tt&gt;, &lt;tt&gt;10.0.0.5-80&lt;/tt&gt;, &lt;tt&gt;10.0.0.5:4029&lt;/tt&gt;.&lt;br&gt;Чтобы попробовать Rig Monitor без асиков, откройте демо: имитация парка на этом компьютере.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="103"/>
        <source>Open the demo</source>
        <translation>Открыть демо</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="105"/>
        <source>Select a miner to see its details</source>
        <translation>Выберите асик, чтобы увидеть подробности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="106"/>
        <source>Identity</source>
        <translation>Идентификация</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="107"/>
        <source>Status:</source>
        <translation>Состояние:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="108"/>
        <source>Address:</source>
        <translation>Адрес:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="109"/>
        <source>Make / model:</source>
        <translation>Марка / модель:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="110"/>
        <source>Firmware:</source>
        <translation>Прошивка:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="111"/>
        <source>MAC:</source>
        <translation>MAC:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="112"/>
        <source>Hostname:</source>
        <translation>Имя хоста:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="113"/>
        <source>Serial:</source>
        <translation>Серийный №:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="114"/>
        <source>Hashrate:</source>
        <translation>Хешрейт:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="115"/>
        <source>Power:</source>
        <translation>Мощность:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="116"/>
        <source>Uptime:</source>
        <translation>Время работы:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="117"/>
        <source>Last poll:</source>
        <translation>Последний опрос:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="118"/>
        <source>Hashboards</source>
        <translation>Хеш-платы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="119"/>
        <source>Pools</source>
        <translation>Пулы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="120"/>
        <source>Faults and what to try</source>
        <translation>Неисправности и что сделать</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="121"/>
        <source>Chips</source>
        <translation>Чипы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="122"/>
        <source>Board °C</source>
        <translation>Плата °C</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="123"/>
        <source>Chip °C</source>
        <translation>Чип °C</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="124"/>
        <source>Chip status</source>
        <translation>Состояние чипов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="125"/>
        <source>Worker</source>
        <translation>Воркер</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="126"/>
        <source>Accepted</source>
        <translation>Принято</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="127"/>
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="129"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="130"/>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="131"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="132"/>
        <source>Export table as CSV…</source>
        <translation>Экспорт таблицы в CSV…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="133"/>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="134"/>
        <source>Find…</source>
        <translation>Найти…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="135"/>
        <source>Details pane</source>
        <translation>Панель подробностей</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="136"/>
        <source>Compact mode</source>
        <translation>Компактный режим</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="137"/>
        <source>Fit columns to contents</source>
        <translation>Ширина столбцов по содержимому</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="138"/>
        <source>Reset columns</source>
        <translation>Сбросить столбцы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="139"/>
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="140"/>
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="141"/>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="142"/>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="143"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="144"/>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="145"/>
        <source>About Rig Monitor</source>
        <translation>О программе Rig Monitor</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="147"/>
        <source>Filter faults by address, model, fault or evidence</source>
        <translation>Фильтр по адресу, модели, неисправности или признакам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="148"/>
        <source>All severities</source>
        <translation>Все уровни</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="149"/>
        <source>Warning and worse</source>
        <translation>Внимание и хуже</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="150"/>
        <source>Critical only</source>
        <translation>Только критичные</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="151"/>
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="152"/>
        <source>Acknowledged</source>
        <translation>Подтверждённые</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="153"/>
        <source>Snoozed</source>
        <translation>Отложенные</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="154"/>
        <source>Grouped under incidents</source>
        <translation>Сгруппированные в инциденты</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="155"/>
        <source>&lt;b&gt;Recent&lt;/b&gt;</source>
        <translation>&lt;b&gt;Недавние&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="156"/>
        <source>Last hour</source>
        <translation>Последний час</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="157"/>
        <source>Last 8 hours</source>
        <translation>Последние 8 часов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="158"/>
        <source>Last 12 hours</source>
        <translation>Последние 12 часов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="159"/>
        <source>Last 24 hours</source>
        <translation>Последние 24 часа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="160"/>
        <source>Since the app started</source>
        <translation>С запуска программы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="161"/>
        <source>Raised and cleared only</source>
        <translation>Только появление и снятие</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="162"/>
        <source>&lt;b&gt;Incidents&lt;/b&gt;: none</source>
        <translation>&lt;b&gt;Инциденты&lt;/b&gt;: нет</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="163"/>
        <source>Select an incident to see its cause and what to check first.</source>
        <translation>Выберите инцидент, чтобы увидеть причину и что проверить сначала.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="164"/>
        <source>&lt;b&gt;Miners&lt;/b&gt; (double-click: show in the fleet table)</source>
        <translation>&lt;b&gt;Асики&lt;/b&gt; (двойной щелчок: показать в таблице)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="165"/>
        <source>Miner</source>
        <translation>Асик</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="166"/>
        <source>{count} miners</source>
        <translation>асиков: {count}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="167"/>
        <source>since</source>
        <translation>с</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="168"/>
        <source>Evidence:</source>
        <translation>Признаки:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="169"/>
        <source>How to confirm:</source>
        <translation>Как проверить:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="170"/>
        <source>Likely causes</source>
        <translation>Вероятные причины</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="171"/>
        <source>What to check first</source>
        <translation>Что проверить сначала</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="172"/>
        <source>Evidence</source>
        <translation>Признаки</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="173"/>
        <source>Colour by:</source>
        <translation>Цвет по:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="174"/>
        <source>Chip temperature</source>
        <translation>Температура чипов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="175"/>
        <source>% of rating</source>
        <translation>% от номинала</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="176"/>
        <source>Status and faults</source>
        <translation>Состояние и неисправности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="177"/>
        <source>Define racks</source>
        <translation>Задать стеллажи</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="178"/>
        <source>From addresses (one rack per /24)…</source>
        <translation>По адресам (стеллаж на каждую /24)…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="179"/>
        <source>From worker or host names…</source>
        <translation>По именам воркеров или хостов…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="180"/>
        <source>Import CSV (rack,row,col,address)…</source>
        <translation>Импорт CSV (rack,row,col,address)…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="181"/>
        <source>blue ≤ 60 °C · green 75 °C · amber 85 °C · red ≥ 95 °C · grey: offline · hatched: no reading</source>
        <translation>синий ≤ 60 °C · зелёный 75 °C · жёлтый 85 °C · красный ≥ 95 °C · серый: не в сети · штриховка: нет данных</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="186"/>
        <source>green ≥ 95 % · amber 90 % · red ≤ 70 % · grey: offline · hatched: no reading</source>
        <translation>зелёный ≥ 95 % · жёлтый 90 % · красный ≤ 70 % · серый: не в сети · штриховка: нет данных</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="189"/>
        <source>the table&apos;s status colours · grey: offline · hatched: no reading</source>
        <translation>цвета состояний как в таблице · серый: не в сети · штриховка: нет данных</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="192"/>
        <source>No racks yet. Use &lt;b&gt;Define racks&lt;/b&gt;: one rack per /24 block, from worker or host names like &lt;tt&gt;A03-R2-S07&lt;/tt&gt;, or import a CSV with &lt;tt&gt;rack,row,col,address&lt;/tt&gt;.</source>
        <translation>Стеллажей пока нет. Нажмите &lt;b&gt;Задать стеллажи&lt;/b&gt;: по одному на блок /24, по именам воркеров или хостов вида &lt;tt&gt;A03-R2-S07&lt;/tt&gt; или из CSV с &lt;tt&gt;rack,row,col,address&lt;/tt&gt;.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="198"/>
        <source>Actions</source>
        <translation>Действия</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="199"/>
        <source>Blink locate LED</source>
        <translation>Мигать светодиодом поиска</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="200"/>
        <source>Stop locate LED</source>
        <translation>Выключить светодиод поиска</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="201"/>
        <source>Restart mining</source>
        <translation>Перезапустить майнинг</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="202"/>
        <source>Reboot</source>
        <translation>Перезагрузить</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="203"/>
        <source>Sleep</source>
        <translation>Усыпить</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="204"/>
        <source>Wake</source>
        <translation>Разбудить</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="205"/>
        <source>Set pools…</source>
        <translation>Задать пулы…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="206"/>
        <source>Open web UI in the browser</source>
        <translation>Открыть веб-интерфейс в браузере</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="207"/>
        <source>Open web UI</source>
        <translation>Открыть веб-интерфейс</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="209"/>
        <source>Fleet history</source>
        <translation>История парка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="210"/>
        <source>Handover</source>
        <translation>Передача смены</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="211"/>
        <source>Live</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="212"/>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="215"/>
        <source>Pool URL (stratum+tcp://host:port)</source>
        <translation>Адрес пула (stratum+tcp://хост:порт)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="216"/>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="217"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="218"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="219"/>
        <source>skipped</source>
        <translation>пропущен</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="220"/>
        <source>Give at least one pool URL and worker</source>
        <translation>Укажите хотя бы один адрес пула и воркер</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="221"/>
        <source>no answer</source>
        <translation>нет ответа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="222"/>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="223"/>
        <source>backup</source>
        <translation>резервный</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="224"/>
        <source>FAILED</source>
        <translation>ОШИБКА</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="225"/>
        <source>They go out in waves by address block, a few at a time.</source>
        <translation>Команды уходят волнами по блокам адресов, по несколько за раз.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="226"/>
        <source>&lt;b&gt;{action}&lt;/b&gt;: {ok} done, {failed} failed, {skipped} skipped. Logged to the action log.</source>
        <translation>&lt;b&gt;{action}&lt;/b&gt;: выполнено {ok}, ошибок {failed}, пропущено {skipped}. Записано в журнал действий.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="230"/>
        <source>&lt;b&gt;{action}&lt;/b&gt;: sending…</source>
        <translation>&lt;b&gt;{action}&lt;/b&gt;: отправляем…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="231"/>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="232"/>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="233"/>
        <source>Remove miners</source>
        <translation>Удалить асики</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="234"/>
        <source>Actions on selected miners</source>
        <translation>Действия с выбранными асиками</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="235"/>
        <source>They are no longer polled; their passwords stay in the keyring.</source>
        <translation>Они больше не будут опрашиваться; пароли останутся в хранилище ключей.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="238"/>
        <source>Select the miners first</source>
        <translation>Сначала выберите асики</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="239"/>
        <source>sends: {plan}</source>
        <translation>отправит: {plan}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="240"/>
        <source>Rig Monitor: unexpected error</source>
        <translation>Rig Monitor: непредвиденная ошибка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="241"/>
        <source>Something went wrong inside Rig Monitor. Polling goes on, but this window may show stale or wrong data until it is restarted.</source>
        <translation>Внутри Rig Monitor произошла ошибка. Опрос продолжается, но до перезапуска окно может показывать устаревшие или неверные данные.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="245"/>
        <source>Details are in {path}.</source>
        <translation>Подробности в {path}.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="246"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} ч {minutes} мин</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="247"/>
        <source>{what}; a fault is raised after {after}</source>
        <translation>{what}; неисправность будет поднята через {after}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="248"/>
        <source>{minutes} min</source>
        <translation>{minutes} мин</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="249"/>
        <source>hashrate {share} for {time}</source>
        <translation>хешрейт {share} уже {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="250"/>
        <source>fan {fans} at 0 rpm for {time}</source>
        <translation>вентилятор {fans} на 0 об/мин уже {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="251"/>
        <source>chain {chain}: {chips}/{expected} chips</source>
        <translation>цепочка {chain}: {chips}/{expected} чипов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="252"/>
        <source>never</source>
        <translation>никогда</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="253"/>
        <source>active pool</source>
        <translation>активный пул</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="254"/>
        <source>{model} at {address}</source>
        <translation>{model} по адресу {address}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="255"/>
        <source>Offline: {error} (last answered: {time})</source>
        <translation>Не в сети: {error} (последний ответ: {time})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="256"/>
        <source>of {nominal} ({share})</source>
        <translation>из {nominal} ({share})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="257"/>
        <source>Try, cheapest first</source>
        <translation>Что попробовать (сначала самое простое)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="258"/>
        <source>For 1 hour</source>
        <translation>На 1 час</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="259"/>
        <source>For 4 hours</source>
        <translation>На 4 часа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="260"/>
        <source>Acknowledge</source>
        <translation>Подтвердить</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="261"/>
        <source>Mark as seen: stays listed, stops notifying, until it gets worse</source>
        <translation>Отметить как просмотренное: останется в списке, но без оповещений, пока не станет хуже</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="264"/>
        <source>Snooze</source>
        <translation>Отложить</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="265"/>
        <source>Hide it for a while; it comes back if still open, or worse</source>
        <translation>Скрыть на время; вернётся, если не устранено или стало хуже</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="266"/>
        <source>Until tomorrow {time}</source>
        <translation>До завтра {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="267"/>
        <source>in an incident</source>
        <translation>в инциденте</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="268"/>
        <source>No answer from this miner: faults are judged on answers</source>
        <translation>Асик не отвечает: неисправности оцениваются только по ответам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="269"/>
        <source>No faults</source>
        <translation>Неисправностей нет</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="270"/>
        <source>{count} missing</source>
        <translation>нет {count}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="271"/>
        <source>since {time}</source>
        <translation>с {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="272"/>
        <source>missing</source>
        <translation>нет</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="273"/>
        <source>Snoozed until {time}</source>
        <translation>Отложено до {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="274"/>
        <source>Acknowledged {time}</source>
        <translation>Подтверждено {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="275"/>
        <source>board {board}, chip {chip}: {what}</source>
        <translation>плата {board}, чип {chip}: {what}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="276"/>
        <source>x (bad)</source>
        <translation>x (битый)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="277"/>
        <source>- (unstable)</source>
        <translation>- (нестабилен)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="278"/>
        <source>Open</source>
        <translation>Открыта</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="279"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="280"/>
        <source>{title} (board {board})</source>
        <translation>{title} (плата {board})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="281"/>
        <source>In incident</source>
        <translation>В инциденте</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="282"/>
        <source>Grouped under: {title}</source>
        <translation>В группе: {title}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="283"/>
        <source>Faults that an incident above already explains (e.g. 40 unreachable miners in one rack): off by default, the incident says it once</source>
        <translation>Неисправности, которые уже объясняет инцидент выше (например, 40 недоступных асиков в одной стойке): по умолчанию скрыты, инцидент говорит о них один раз</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="287"/>
        <source>Incidents</source>
        <translation>Инциденты</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="288"/>
        <source>Active faults</source>
        <translation>Активные неисправности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="289"/>
        <source>Recent</source>
        <translation>Недавние</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="290"/>
        <source>Fault tracking is off</source>
        <translation>Отслеживание неисправностей выключено</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="291"/>
        <source>many miners, one cause</source>
        <translation>много асиков, одна причина</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="292"/>
        <source>showing {count}</source>
        <translation>показано {count}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="293"/>
        <source>Offline, warning or critical faults, low hashrate, stopped fan</source>
        <translation>Не в сети, предупреждения или критичные неисправности, низкий хешрейт, остановленный вентилятор</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="296"/>
        <source>Filter not applied: {error}</source>
        <translation>Фильтр не применён: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/fleet_model.py" line="380"/>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="297"/>
        <source>Waiting for the first poll</source>
        <translation>Ждём первого опроса</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/fleet_model.py" line="389"/>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="298"/>
        <source>Fans: {rpm}</source>
        <translation>Вентиляторы: {rpm}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/fleet_model.py" line="397"/>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="299"/>
        <source>Nominal {hashrate}</source>
        <translation>Номинал {hashrate}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="300"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="301"/>
        <source>Export CSV…</source>
        <translation>Экспорт CSV…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="302"/>
        <source>Export JSON…</source>
        <translation>Экспорт JSON…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="303"/>
        <source>Per board</source>
        <translation>По платам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="304"/>
        <source>Temperatures</source>
        <translation>Температуры</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="305"/>
        <source>Note for this miner: board 2 swapped, PSU replaced, fan changed…</source>
        <translation>Заметка по асику: заменена плата 2, заменён блок питания, вентилятор…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="308"/>
        <source>Add note</source>
        <translation>Добавить заметку</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="309"/>
        <source>Export chart CSV…</source>
        <translation>Экспорт графика CSV…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="310"/>
        <source>Daily report…</source>
        <translation>Отчёт за день…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="311"/>
        <source>Yesterday (UTC): hashrate, uptime, efficiency and faults per miner</source>
        <translation>Вчера (UTC): хешрейт, время работы, эффективность и неисправности по каждому асику</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="314"/>
        <source>Export fleet table…</source>
        <translation>Экспорт таблицы асиков…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="315"/>
        <source>The fleet table as it is now, as CSV or JSON</source>
        <translation>Таблица асиков как сейчас, в CSV или JSON</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="316"/>
        <source>Fleet hashrate</source>
        <translation>Хешрейт парка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="317"/>
        <source>count</source>
        <translation>кол-во</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="318"/>
        <source>Fleet power</source>
        <translation>Мощность парка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="319"/>
        <source>Open faults</source>
        <translation>Открытые неисправности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="320"/>
        <source>Range</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="321"/>
        <source>History is off</source>
        <translation>История выключена</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="322"/>
        <source>hashrate</source>
        <translation>хешрейт</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="323"/>
        <source>nominal</source>
        <translation>номинал</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="324"/>
        <source>chip max</source>
        <translation>чипы макс.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="325"/>
        <source>board max</source>
        <translation>плата макс.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="326"/>
        <source>power</source>
        <translation>мощность</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="327"/>
        <source>Select a miner to see its history</source>
        <translation>Выберите асик, чтобы увидеть его историю</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="328"/>
        <source>Nothing recorded for this miner yet</source>
        <translation>По этому асику пока ничего не записано</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="329"/>
        <source>OFFLINE</source>
        <translation>НЕ В СЕТИ</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="330"/>
        <source>Export chart data</source>
        <translation>Экспорт данных графика</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="331"/>
        <source>nominal (online)</source>
        <translation>номинал (в сети)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="332"/>
        <source>polled</source>
        <translation>опрошено</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="333"/>
        <source>faults</source>
        <translation>неисправности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="334"/>
        <source>{points} points ({resolution})</source>
        <translation>точек: {points} ({resolution})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="335"/>
        <source>Nothing recorded yet</source>
        <translation>Пока ничего не записано</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="336"/>
        <source>Export fleet chart</source>
        <translation>Экспорт графика парка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="337"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="338"/>
        <source>Daily site report</source>
        <translation>Отчёт площадки за день</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="339"/>
        <source>Printable page (*.html);;CSV (*.csv)</source>
        <translation>Страница для печати (*.html);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="340"/>
        <source>Export fleet table</source>
        <translation>Экспорт таблицы асиков</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="341"/>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="342"/>
        <source>{value} of {nominal}</source>
        <translation>{value} из {nominal}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="343"/>
        <source>chip {temp}</source>
        <translation>чип {temp}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="344"/>
        <source>board {temp}</source>
        <translation>плата {temp}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="345"/>
        <source>History unavailable: {error}</source>
        <translation>История недоступна: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="346"/>
        <source>serial {serial}</source>
        <translation>серийный номер {serial}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="347"/>
        <source>fans {rpm}</source>
        <translation>вентиляторы {rpm}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="348"/>
        <source>Saved {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="349"/>
        <source>board {board}</source>
        <translation>плата {board}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="350"/>
        <source>fan {fan}</source>
        <translation>вентилятор {fan}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="351"/>
        <source>{online} of {miners} online</source>
        <translation>в сети {online} из {miners}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="352"/>
        <source>{count} faults</source>
        <translation>неисправностей: {count}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="353"/>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="354"/>
        <source>What changed in the</source>
        <translation>Что изменилось за</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="355"/>
        <source>Nothing changed</source>
        <translation>Ничего не изменилось</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="356"/>
        <source>Export handover</source>
        <translation>Экспорт передачи смены</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="357"/>
        <source>Another device at this address</source>
        <translation>По этому адресу другое устройство</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="358"/>
        <source>@files are for the command line: paste the addresses here instead</source>
        <translation>@файлы — только для командной строки: вставьте адреса сюда</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="361"/>
        <source>Time between sweeps</source>
        <translation>Время между опросами</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="362"/>
        <source>Find the miners on this computer&apos;s networks and add them</source>
        <translation>Найти асики в сетях этого компьютера и добавить их</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="363"/>
        <source>Detection thresholds and the language of fault texts</source>
        <translation>Пороги обнаружения и язык текстов неисправностей</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="364"/>
        <source>Remove selected miners</source>
        <translation>Удалить выбранные асики</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="365"/>
        <source>Set password for selected miners…</source>
        <translation>Задать пароль выбранным асикам…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="366"/>
        <source>Send the saved password to the new device here…</source>
        <translation>Отправить сохранённый пароль новому устройству по этому адресу…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="367"/>
        <source>Open the Faults view</source>
        <translation>Открыть вкладку неисправностей</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="368"/>
        <source>Show Rig Monitor</source>
        <translation>Показать Rig Monitor</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="369"/>
        <source>Miner password</source>
        <translation>Пароль асика</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="370"/>
        <source>User name:</source>
        <translation>Имя пользователя:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="371"/>
        <source>the OS keyring</source>
        <translation>хранилище ключей ОС</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="372"/>
        <source>memory until the app closes</source>
        <translation>памяти до закрытия программы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="373"/>
        <source>A simulated fleet on this computer only (loopback addresses)</source>
        <translation>Имитация парка только на этом компьютере (адреса loopback)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="374"/>
        <source>Engine stopped</source>
        <translation>Движок остановлен</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="375"/>
        <source>Starting the demo in its own window…</source>
        <translation>Запускаем демо в отдельном окне…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="376"/>
        <source>Export the table</source>
        <translation>Экспорт таблицы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="377"/>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="378"/>
        <source>Fault settings saved; they apply from the next poll</source>
        <translation>Настройки неисправностей сохранены; действуют со следующего опроса</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="379"/>
        <source>Still watching the fleet from the tray.</source>
        <translation>Продолжаем следить за парком из трея.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="380"/>
        <source>Type addresses to add, e.g. 10.0.0.5, 10.0.0.0/24 or 10.0.0.5-80</source>
        <translation>Введите адреса, например 10.0.0.5, 10.0.0.0/24 или 10.0.0.5-80</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="383"/>
        <source>Not added: public addresses need your confirmation.</source>
        <translation>Не добавлено: публичные адреса требуют подтверждения.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="384"/>
        <source>The engine is not running yet</source>
        <translation>Движок ещё не запущен</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="385"/>
        <source>Polling now…</source>
        <translation>Опрашиваем…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="386"/>
        <source>Polling stopped: {error}. Restart Rig Monitor to resume.</source>
        <translation>Опрос остановлен: {error}. Перезапустите Rig Monitor, чтобы продолжить.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="387"/>
        <source>Fault tracking is off in this window</source>
        <translation>В этом окне отслеживание неисправностей выключено</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="388"/>
        <source>Already monitored.</source>
        <translation>Уже отслеживается.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="389"/>
        <source>Nothing to add: no addresses in that text.</source>
        <translation>Нечего добавить: в тексте нет адресов.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="390"/>
        <source>(click: open the Faults view)</source>
        <translation>(щёлкните: открыть вкладку неисправностей)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="391"/>
        <source>Thresholds: {problems}</source>
        <translation>Пороги: {problems}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="392"/>
        <source>History: {problem}</source>
        <translation>История: {problem}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="393"/>
        <source>{count} of these addresses are on the public internet (first: {first}). Miners live on private networks; polling other people&apos;s addresses may be unwelcome. Add them anyway?</source>
        <translation>{count} из этих адресов в публичном интернете (первый: {first}). Асики живут в частных сетях; опрашивать чужие адреса может быть нежелательно. Всё равно добавить?</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="397"/>
        <source>Could not start the demo: {error}</source>
        <translation>Не удалось запустить демо: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="398"/>
        <source>Could not write {path}: {error}</source>
        <translation>Не удалось записать {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="399"/>
        <source>one rack per /24 block</source>
        <translation>по стеллажу на блок /24</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="400"/>
        <source>from names</source>
        <translation>по именам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="401"/>
        <source>from CSV</source>
        <translation>из CSV</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="402"/>
        <source>Racks from addresses</source>
        <translation>Стеллажи по адресам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="403"/>
        <source>Miners per shelf (columns):</source>
        <translation>Асиков на полке (столбцов):</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="404"/>
        <source>Racks from names</source>
        <translation>Стеллажи по именам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="405"/>
        <source>Regular expression with the groups rack, row and col
(matched against the pool worker name, else the host name):</source>
        <translation>Регулярное выражение с группами rack, row и col
(сравнивается с именем воркера, иначе с именем хоста):</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="409"/>
        <source>Import racks</source>
        <translation>Импорт стеллажей</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="410"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Файлы CSV (*.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="411"/>
        <source>racks: {racks}, miners placed: {placed}</source>
        <translation>стеллажей: {racks}, асиков размещено: {placed}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="412"/>
        <source>No worker or host name matched the pattern</source>
        <translation>Ни одно имя воркера или хоста не подошло под шаблон</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="413"/>
        <source>Pattern not used: {error}</source>
        <translation>Шаблон не применён: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="414"/>
        <source>CSV not imported: {error}</source>
        <translation>CSV не импортирован: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="415"/>
        <source>Could not read the racks: {error}</source>
        <translation>Не удалось прочитать стеллажи: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="416"/>
        <source>Could not save the racks: {error}</source>
        <translation>Не удалось сохранить стеллажи: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="417"/>
        <source>Could not read {path}: {error}</source>
        <translation>Не удалось прочитать {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="418"/>
        <source>not in the fleet</source>
        <translation>нет в парке</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="419"/>
        <source>rating unknown</source>
        <translation>номинал неизвестен</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="420"/>
        <source>no chip temperature</source>
        <translation>нет температуры чипов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="421"/>
        <source>{rack} row {row}, slot {slot}</source>
        <translation>{rack}, полка {row}, место {slot}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="422"/>
        <source>Save the current filter as a named view, or go back to a saved one</source>
        <translation>Сохранить текущий фильтр как вид с именем или вернуться к сохранённому</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="425"/>
        <source>Save view</source>
        <translation>Сохранить вид</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="426"/>
        <source>Name of this view:</source>
        <translation>Название вида:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="427"/>
        <source>Scan public addresses?</source>
        <translation>Сканировать публичные адреса?</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="428"/>
        <source>Save as site</source>
        <translation>Сохранить как площадку</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="429"/>
        <source>Site name (e.g. Qingdao-2):</source>
        <translation>Название площадки (например, Qingdao-2):</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="430"/>
        <source>Scan my network</source>
        <translation>Сканировать сеть</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="431"/>
        <source>Scan</source>
        <translation>Сканировать</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="432"/>
        <source>Stop</source>
        <translation>Стоп</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="433"/>
        <source>%v of %m addresses</source>
        <translation>%v из %m адресов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="434"/>
        <source>Add to fleet</source>
        <translation>Добавить в парк</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="435"/>
        <source>Save as site…</source>
        <translation>Сохранить как площадку…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="436"/>
        <source>Suggested from this computer&apos;s networks.</source>
        <translation>Предложено по сетям этого компьютера.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="437"/>
        <source>Type the addresses of your miners&apos; network.</source>
        <translation>Введите адреса сети ваших асиков.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="438"/>
        <source>Reading the address files…</source>
        <translation>Читаем файлы адресов…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="439"/>
        <source>Type the addresses to scan, e.g. 10.10.0.0/22</source>
        <translation>Введите адреса для сканирования, например 10.10.0.0/22</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="440"/>
        <source>Stopping…</source>
        <translation>Останавливаем…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="441"/>
        <source>Scan stopped.</source>
        <translation>Сканирование остановлено.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="442"/>
        <source>Scan complete.</source>
        <translation>Сканирование завершено.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="443"/>
        <source>{done} of {total} addresses, {found} miners found</source>
        <translation>адресов {done} из {total}, найдено асиков: {found}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="444"/>
        <source>{count} of these addresses are on the public internet (first: {first}). Miners live on private networks; scanning other people&apos;s addresses may be unwelcome. Scan them anyway?</source>
        <translation>{count} из этих адресов в публичном интернете (первый: {first}). Асики живут в частных сетях; сканировать чужие адреса может быть нежелательно. Всё равно сканировать?</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="448"/>
        <source>Stopped.</source>
        <translation>Остановлено.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="449"/>
        <source>Not saved: {error}</source>
        <translation>Не сохранено: {error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="450"/>
        <source>Fault settings</source>
        <translation>Настройки неисправностей</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="451"/>
        <source>Filter: fault or parameter (e.g. chip, warn_c)</source>
        <translation>Фильтр: неисправность или параметр (например, чип, warn_c)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="452"/>
        <source>Clear this scope</source>
        <translation>Очистить эту область</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="453"/>
        <source>Remove every value set for this scope</source>
        <translation>Удалить все значения, заданные для этой области</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="454"/>
        <source>Fault texts in:</source>
        <translation>Тексты неисправностей на:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="455"/>
        <source>Thresholds for:</source>
        <translation>Пороги для:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="456"/>
        <source>e.g. Antminer S19j Pro</source>
        <translation>например, Antminer S19j Pro</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="457"/>
        <source>e.g. 10.10.1.37</source>
        <translation>например, 10.10.1.37</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="458"/>
        <source>Automatic ({language})</source>
        <translation>Автоматически ({language})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="459"/>
        <source>{key}: {value} is not a number</source>
        <translation>{key}: {value} — не число</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="460"/>
        <source>Not changed: {reason}</source>
        <translation>Не изменено: {reason}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="461"/>
        <source>Desktop operations monitor for Bitcoin ASIC miners: live hashrate, temperatures, fans, power and pools; faults with likely causes and remedies.</source>
        <translation>Настольный монитор для ASIC-майнеров биткоина: хешрейт, температуры, вентиляторы, мощность и пулы в реальном времени; неисправности с вероятными причинами и способами устранения.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="465"/>
        <source>Licences</source>
        <translation>Лицензии</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="466"/>
        <source>Critical, warning or info</source>
        <translation>Критично, внимание или инфо</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="467"/>
        <source>Address (double-click to show it in the fleet table)</source>
        <translation>Адрес (двойной щелчок — показать в таблице асиков)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="468"/>
        <source>Make and model</source>
        <translation>Производитель и модель</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="469"/>
        <source>What is wrong</source>
        <translation>Что не так</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="470"/>
        <source>What the miner reported</source>
        <translation>Что сообщил асик</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="471"/>
        <source>First bad poll of the streak that raised it, and its age</source>
        <translation>Первый плохой опрос серии, поднявшей неисправность, и сколько прошло</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="472"/>
        <source>Acknowledged, snoozed, or grouped under an incident</source>
        <translation>Подтверждено, отложено или в группе инцидента</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="473"/>
        <source>Severity</source>
        <translation>Важность</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="474"/>
        <source>Fault</source>
        <translation>Неисправность</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="475"/>
        <source>Since</source>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="476"/>
        <source>State</source>
        <translation>Статус</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="477"/>
        <source>Incident / miner</source>
        <translation>Инцидент / асик</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="478"/>
        <source>Detail</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="479"/>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="480"/>
        <source>Event</source>
        <translation>Событие</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="481"/>
        <source>Raised</source>
        <translation>Поднята</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="482"/>
        <source>Escalated</source>
        <translation>Усилилась</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="483"/>
        <source>Eased</source>
        <translation>Ослабла</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="484"/>
        <source>Cleared</source>
        <translation>Снята</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="485"/>
        <source>Snooze ended</source>
        <translation>Откладывание закончилось</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="486"/>
        <source>New faults</source>
        <translation>Новые неисправности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="487"/>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="488"/>
        <source>Acknowledged and snoozed</source>
        <translation>Подтверждённые и отложенные</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="489"/>
        <source>raised</source>
        <translation>поднята</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="490"/>
        <source>escalated</source>
        <translation>усилилась</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="491"/>
        <source>cleared</source>
        <translation>снята</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="492"/>
        <source>acknowledged</source>
        <translation>подтверждена</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="493"/>
        <source>snoozed</source>
        <translation>отложена</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="494"/>
        <source>note</source>
        <translation>заметка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="495"/>
        <source>action</source>
        <translation>действие</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="496"/>
        <source>critical</source>
        <translation>критично</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="497"/>
        <source>warning</source>
        <translation>внимание</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="498"/>
        <source>info</source>
        <translation>инфо</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="499"/>
        <source>last 4 hours</source>
        <translation>последние 4 часа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="500"/>
        <source>last 8 hours</source>
        <translation>последние 8 часов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="501"/>
        <source>last 12 hours</source>
        <translation>последние 12 часов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="502"/>
        <source>last 24 hours</source>
        <translation>последние 24 часа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="503"/>
        <source>last 48 hours</source>
        <translation>последние 48 часов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="504"/>
        <source>last 7 days</source>
        <translation>последние 7 дней</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="505"/>
        <source>1 hour</source>
        <translation>1 час</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="506"/>
        <source>6 hours</source>
        <translation>6 часов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="507"/>
        <source>24 hours</source>
        <translation>24 часа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="508"/>
        <source>7 days</source>
        <translation>7 дней</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="509"/>
        <source>30 days</source>
        <translation>30 дней</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="510"/>
        <source>90 days</source>
        <translation>90 дней</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="511"/>
        <source>alive</source>
        <translation>работает</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="512"/>
        <source>dead</source>
        <translation>мёртв</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="513"/>
        <source>sick</source>
        <translation>сбоит</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="514"/>
        <source>disabled</source>
        <translation>выключен</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="515"/>
        <source>rejecting</source>
        <translation>отклоняет</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="516"/>
        <source>unknown</source>
        <translation>неизвестно</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="517"/>
        <source>All miners</source>
        <translation>Все асики</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="518"/>
        <source>One model</source>
        <translation>Одна модель</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="519"/>
        <source>One miner</source>
        <translation>Один асик</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="520"/>
        <source>Parameter</source>
        <translation>Параметр</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="521"/>
        <source>Default</source>
        <translation>По умолчанию</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="522"/>
        <source>Your value</source>
        <translation>Ваше значение</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="523"/>
        <source>Only the values you change are saved; leave a value empty to use the default. &lt;b&gt;A value set for all miners beats the model database for every model&lt;/b&gt; — e.g. a global chip temperature limit replaces the S21&apos;s and the S19&apos;s own limits. Set temperature limits per model where you can. More specific wins: one miner &amp;gt; one model &amp;gt; all miners.</source>
        <translation>Сохраняются только изменённые значения; пустое поле — значение по умолчанию. &lt;b&gt;Значение для всех асиков перекрывает базу моделей для каждой модели&lt;/b&gt; — например, общий предел температуры чипов заменит собственные пределы S21 и S19. По возможности задавайте пределы температуры по моделям. Более конкретное побеждает: один асик &amp;gt; одна модель &amp;gt; все асики.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="527"/>
        <source>Defaults shown include your values for all miners. Model names match what the miner reports (&quot;Antminer S19j Pro&quot; or &quot;S19j Pro&quot;); a miner is an address (or address:port). Leave a value empty to inherit it.</source>
        <translation>Показанные значения по умолчанию уже учитывают ваши значения для всех асиков. Название модели — как его сообщает асик (&quot;Antminer S19j Pro&quot; или &quot;S19j Pro&quot;); асик задаётся адресом (или адрес:порт). Пустое поле — значение наследуется.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="531"/>
        <source>Find / filter the fleet</source>
        <translation>Найти / отфильтровать асики</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="532"/>
        <source>Show or hide the details pane</source>
        <translation>Показать или скрыть панель подробностей</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="533"/>
        <source>Compact mode (small screens)</source>
        <translation>Компактный режим (маленькие экраны)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="534"/>
        <source>Export the table as CSV</source>
        <translation>Экспорт таблицы в CSV</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="535"/>
        <source>Fleet tab / Faults tab</source>
        <translation>Вкладка асиков / вкладка неисправностей</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="536"/>
        <source>Only miners that do not answer</source>
        <translation>Только асики, которые не отвечают</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="537"/>
        <source>Only miners with a critical fault</source>
        <translation>Только асики с критичной неисправностью</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="538"/>
        <source>Only miners with a warning</source>
        <translation>Только асики с предупреждением</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="539"/>
        <source>Low hashrate, stopped fan or missing chips, no fault yet</source>
        <translation>Низкий хешрейт, остановленный вентилятор или нехватка чипов, неисправность ещё не поднята</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="540"/>
        <source>Type terms; all must match:
  10.1.2.0/26   a CIDR block        10.1.2.5-80   a range
  10.1.2.7      one miner           10.1.2.       an address prefix
  model:S19   fault:fan   status:offline   site:north   pool:viabtc   fw:braiins
  status:offline,critical   (a comma means any of)
  -status:ok   (a minus negates)     anything else: free text, fault texts too</source>
        <translation>Введите условия; должны выполняться все:
  10.1.2.0/26   блок CIDR           10.1.2.5-80   диапазон
  10.1.2.7      один асик           10.1.2.       начало адреса
  model:S19   fault:fan   status:offline   site:north   pool:viabtc   fw:braiins
  status:offline,critical   (запятая — любое из)
  -status:ok   (минус — отрицание)   всё остальное: свободный текст, в том числе по текстам неисправностей</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="544"/>
        <source>OK, worst fault severity, offline, or degraded (under 90 % of nominal, a stopped fan or missing chips, with no fault raised)</source>
        <translation>OK, самая серьёзная неисправность, не в сети или снижение (ниже 90 % номинала, остановлен вентилятор или не хватает чипов, но неисправность не поднята)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="548"/>
        <source>IP address (and API port when it is not 4028)</source>
        <translation>IP-адрес (и порт API, если он не 4028)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="549"/>
        <source>Make and model (last known when offline)</source>
        <translation>Производитель и модель (последние известные, если не в сети)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="550"/>
        <source>Hashrate: the miner&apos;s own average (the 5 s figure is in the detail pane)</source>
        <translation>Хешрейт: собственное среднее асика (5-секундное значение — в панели подробностей)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="553"/>
        <source>Hashrate as a share of the rated hashrate; red under 90 %</source>
        <translation>Хешрейт в процентах от номинала; красный ниже 90 %</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="554"/>
        <source>Hottest chip temperature</source>
        <translation>Температура самого горячего чипа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="555"/>
        <source>Hottest hashboard (PCB) temperature</source>
        <translation>Температура самой горячей хеш-платы (PCB)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="556"/>
        <source>Slowest fan in rpm × number of fans; red when a fan is stopped</source>
        <translation>Самый медленный вентилятор, об/мин × число вентиляторов; красный, если вентилятор стоит</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="559"/>
        <source>Power draw reported by the miner</source>
        <translation>Потребление, которое сообщает асик</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="560"/>
        <source>Efficiency: watts per TH/s</source>
        <translation>Эффективность: ватт на TH/s</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="561"/>
        <source>Active pool host and worker</source>
        <translation>Активный пул и воркер</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="562"/>
        <source>Time since the mining process started</source>
        <translation>Время с запуска процесса майнинга</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="563"/>
        <source>Most severe fault, and how many</source>
        <translation>Самая серьёзная неисправность и их количество</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="564"/>
        <source>Why the miner could not be read</source>
        <translation>Почему не удалось прочитать асик</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="565"/>
        <source>Set pools</source>
        <translation>Задать пулы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="566"/>
        <source>Can do it?</source>
        <translation>Может?</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="567"/>
        <source>What happens</source>
        <translation>Что произойдёт</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="568"/>
        <source>every poll</source>
        <translation>каждый опрос</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="569"/>
        <source>every sweep</source>
        <translation>каждый проход</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="570"/>
        <source>5-minute averages</source>
        <translation>средние за 5 минут</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="571"/>
        <source>hourly averages</source>
        <translation>средние за час</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="619"/>
        <source>Hashes per difficulty-1 share, SHA-256 (power of 2)</source>
        <translation>Хешей на шару сложности 1, SHA-256 (степень двойки)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="620"/>
        <source>Hashes per difficulty-1 share, Scrypt (power of 2)</source>
        <translation>Хешей на шару сложности 1, Scrypt (степень двойки)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="621"/>
        <source>Firmware target below this is a tuned profile (share of rating)</source>
        <translation>Цель прошивки ниже этого — тюнинг-профиль (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="624"/>
        <source>Firmware target above this is a tuned profile (share of rating)</source>
        <translation>Цель прошивки выше этого — тюнинг-профиль (доля номинала)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="752"/>
        <source> on %n miners</source>
        <translation>
            <numerusform> на %n асике</numerusform>
            <numerusform> на %n асиках</numerusform>
            <numerusform> на %n асиках</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="753"/>
        <source>Set pools on %n miners</source>
        <translation>
            <numerusform>Задать пулы на %n асике</numerusform>
            <numerusform>Задать пулы на %n асиках</numerusform>
            <numerusform>Задать пулы на %n асиках</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="754"/>
        <source>%n miners</source>
        <translation>
            <numerusform>%n асик</numerusform>
            <numerusform>%n асика</numerusform>
            <numerusform>%n асиков</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="755"/>
        <source>&lt;b&gt;{action}&lt;/b&gt; on %n miners. Checking what each one can do…</source>
        <translation>
            <numerusform>&lt;b&gt;{action}&lt;/b&gt;: %n асик. Проверяем, что может каждый…</numerusform>
            <numerusform>&lt;b&gt;{action}&lt;/b&gt;: %n асика. Проверяем, что может каждый…</numerusform>
            <numerusform>&lt;b&gt;{action}&lt;/b&gt;: %n асиков. Проверяем, что может каждый…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="758"/>
        <source>&lt;b&gt;{action}&lt;/b&gt; will be sent to %n miners</source>
        <translation>
            <numerusform>&lt;b&gt;{action}&lt;/b&gt; будет отправлено на %n асик</numerusform>
            <numerusform>&lt;b&gt;{action}&lt;/b&gt; будет отправлено на %n асика</numerusform>
            <numerusform>&lt;b&gt;{action}&lt;/b&gt; будет отправлено на %n асиков</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="759"/>
        <source>%n cannot (see why below) and will be skipped.</source>
        <translation>
            <numerusform>%n не может (причины ниже) и будет пропущен.</numerusform>
            <numerusform>%n не могут (причины ниже) и будут пропущены.</numerusform>
            <numerusform>%n не могут (причины ниже) и будут пропущены.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="762"/>
        <source>and %n more</source>
        <translation>
            <numerusform>и ещё %n</numerusform>
            <numerusform>и ещё %n</numerusform>
            <numerusform>и ещё %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="763"/>
        <source>Opened the first %n web pages</source>
        <translation>
            <numerusform>Открыта первая %n веб-страница</numerusform>
            <numerusform>Открыты первые %n веб-страницы</numerusform>
            <numerusform>Открыты первые %n веб-страниц</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="764"/>
        <source>Remove %n miners from the list?</source>
        <translation>
            <numerusform>Удалить %n асик из списка?</numerusform>
            <numerusform>Удалить %n асика из списка?</numerusform>
            <numerusform>Удалить %n асиков из списка?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="765"/>
        <source>%n polls</source>
        <translation>
            <numerusform>%n опрос</numerusform>
            <numerusform>%n опроса</numerusform>
            <numerusform>%n опросов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="766"/>
        <source>%n faults raised</source>
        <translation>
            <numerusform>поднята %n неисправность</numerusform>
            <numerusform>поднято %n неисправности</numerusform>
            <numerusform>поднято %n неисправностей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="767"/>
        <source>%n cleared</source>
        <translation>
            <numerusform>снята %n</numerusform>
            <numerusform>снято %n</numerusform>
            <numerusform>снято %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="768"/>
        <source>%n escalated</source>
        <translation>
            <numerusform>усилилась %n</numerusform>
            <numerusform>усилилось %n</numerusform>
            <numerusform>усилилось %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="769"/>
        <source>%n reboot loops</source>
        <translation>
            <numerusform>%n циклическая перезагрузка</numerusform>
            <numerusform>%n циклические перезагрузки</numerusform>
            <numerusform>%n циклических перезагрузок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="770"/>
        <source>%n acknowledged</source>
        <translation>
            <numerusform>подтверждена %n</numerusform>
            <numerusform>подтверждено %n</numerusform>
            <numerusform>подтверждено %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="771"/>
        <source>%n open faults</source>
        <translation>
            <numerusform>%n открытая неисправность</numerusform>
            <numerusform>%n открытые неисправности</numerusform>
            <numerusform>%n открытых неисправностей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="772"/>
        <source>%n grouped under incidents</source>
        <translation>
            <numerusform>%n в группах инцидентов</numerusform>
            <numerusform>%n в группах инцидентов</numerusform>
            <numerusform>%n в группах инцидентов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="773"/>
        <source>%n events</source>
        <translation>
            <numerusform>%n событие</numerusform>
            <numerusform>%n события</numerusform>
            <numerusform>%n событий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="774"/>
        <source>Added %n miners</source>
        <translation>
            <numerusform>Добавлен %n асик</numerusform>
            <numerusform>Добавлено %n асика</numerusform>
            <numerusform>Добавлено %n асиков</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="775"/>
        <source>Saved password confirmed for %n miners; polling them again</source>
        <translation>
            <numerusform>Сохранённый пароль подтверждён для %n асика; опрашиваем снова</numerusform>
            <numerusform>Сохранённый пароль подтверждён для %n асиков; опрашиваем снова</numerusform>
            <numerusform>Сохранённый пароль подтверждён для %n асиков; опрашиваем снова</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="778"/>
        <source>Removed %n miners</source>
        <translation>
            <numerusform>Удалён %n асик</numerusform>
            <numerusform>Удалено %n асика</numerusform>
            <numerusform>Удалено %n асиков</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="779"/>
        <source>%n new critical alerts</source>
        <translation>
            <numerusform>%n новое критичное оповещение</numerusform>
            <numerusform>%n новых критичных оповещения</numerusform>
            <numerusform>%n новых критичных оповещений</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="780"/>
        <source>Send the saved password to the device now answering at %n addresses? Do this only if you replaced or reflashed these miners yourself.</source>
        <translation>
            <numerusform>Отправить сохранённый пароль устройству, которое сейчас отвечает по %n адресу? Делайте это, только если вы сами заменили или перепрошили эти асики.</numerusform>
            <numerusform>Отправить сохранённый пароль устройствам, которые сейчас отвечают по %n адресам? Делайте это, только если вы сами заменили или перепрошили эти асики.</numerusform>
            <numerusform>Отправить сохранённый пароль устройствам, которые сейчас отвечают по %n адресам? Делайте это, только если вы сами заменили или перепрошили эти асики.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="786"/>
        <source>Password for {user} on %n miners:</source>
        <translation>
            <numerusform>Пароль {user} на %n асике:</numerusform>
            <numerusform>Пароль {user} на %n асиках:</numerusform>
            <numerusform>Пароль {user} на %n асиках:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="787"/>
        <source>Password for %n miners kept in {where}; polling them again</source>
        <translation>
            <numerusform>Пароль для %n асика хранится в {where}; опрашиваем снова</numerusform>
            <numerusform>Пароль для %n асиков хранится в {where}; опрашиваем снова</numerusform>
            <numerusform>Пароль для %n асиков хранится в {where}; опрашиваем снова</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="790"/>
        <source>Exporting %n miners to {path}…</source>
        <translation>
            <numerusform>Экспортируем %n асик в {path}…</numerusform>
            <numerusform>Экспортируем %n асика в {path}…</numerusform>
            <numerusform>Экспортируем %n асиков в {path}…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="791"/>
        <source>Exported %n miners to {path}</source>
        <translation>
            <numerusform>Экспортирован %n асик в {path}</numerusform>
            <numerusform>Экспортировано %n асика в {path}</numerusform>
            <numerusform>Экспортировано %n асиков в {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="792"/>
        <source>Scanning %n addresses…</source>
        <translation>
            <numerusform>Сканируем %n адрес…</numerusform>
            <numerusform>Сканируем %n адреса…</numerusform>
            <numerusform>Сканируем %n адресов…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="793"/>
        <source>Added %n miners to the fleet.</source>
        <translation>
            <numerusform>В парк добавлен %n асик.</numerusform>
            <numerusform>В парк добавлено %n асика.</numerusform>
            <numerusform>В парк добавлено %n асиков.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="794"/>
        <source>%n values changed from the defaults</source>
        <translation>
            <numerusform>%n значение изменено относительно умолчаний</numerusform>
            <numerusform>%n значения изменены относительно умолчаний</numerusform>
            <numerusform>%n значений изменено относительно умолчаний</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="795"/>
        <source>%n actions</source>
        <translation>
            <numerusform>%n действие</numerusform>
            <numerusform>%n действия</numerusform>
            <numerusform>%n действий</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="796"/>
        <source>%n new faults</source>
        <translation>
            <numerusform>%n новая неисправность</numerusform>
            <numerusform>%n новые неисправности</numerusform>
            <numerusform>%n новых неисправностей</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="797"/>
        <source>%n notes</source>
        <translation>
            <numerusform>%n заметка</numerusform>
            <numerusform>%n заметки</numerusform>
            <numerusform>%n заметок</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="798"/>
        <source>%n acknowledged or snoozed</source>
        <translation>
            <numerusform>%n подтверждена или отложена</numerusform>
            <numerusform>%n подтверждены или отложены</numerusform>
            <numerusform>%n подтверждено или отложено</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="572"/>
        <source>{days} d {hours} h</source>
        <translation>{days} д {hours} ч</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="573"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="574"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="575"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="576"/>
        <source>{label} ({name})</source>
        <translation>{label} ({name})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="577"/>
        <source>Bad polls before it is raised</source>
        <translation>Плохих опросов до поднятия</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="578"/>
        <source>Good polls before it clears</source>
        <translation>Хороших опросов до снятия</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="579"/>
        <source>Time before it is raised (s)</source>
        <translation>Время до поднятия (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="580"/>
        <source>Time before it clears (s)</source>
        <translation>Время до снятия (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="581"/>
        <source>Quiet time after a start or restart (s)</source>
        <translation>Тишина после запуска или перезапуска (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="582"/>
        <source>Becomes critical after (s)</source>
        <translation>Становится критичной через (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="583"/>
        <source>Window judged (s)</source>
        <translation>Окно оценки (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="584"/>
        <source>Warning at (°C)</source>
        <translation>Внимание при (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="585"/>
        <source>Critical at (°C)</source>
        <translation>Критично при (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="586"/>
        <source>Clears this far below (°C)</source>
        <translation>Снимается ниже порога на (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="587"/>
        <source>Warning at, liquid cooling (°C)</source>
        <translation>Внимание при, жидкостное охлаждение (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="588"/>
        <source>Critical at, liquid cooling (°C)</source>
        <translation>Критично при, жидкостное охлаждение (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="589"/>
        <source>Warning at (share of rating)</source>
        <translation>Внимание при (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="590"/>
        <source>Critical at (share of rating)</source>
        <translation>Критично при (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="591"/>
        <source>Clears at (share of rating)</source>
        <translation>Снимается при (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="592"/>
        <source>Warning at (%)</source>
        <translation>Внимание при (%)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="593"/>
        <source>Critical at (%)</source>
        <translation>Критично при (%)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="594"/>
        <source>Clears at (%)</source>
        <translation>Снимается при (%)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="595"/>
        <source>Too high above (share of rating)</source>
        <translation>Слишком много выше (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="596"/>
        <source>Too low below (share of rating)</source>
        <translation>Слишком мало ниже (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="597"/>
        <source>Clears below, high side (share of rating)</source>
        <translation>Снимается ниже, верхняя граница (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="598"/>
        <source>Clears above, low side (share of rating)</source>
        <translation>Снимается выше, нижняя граница (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="599"/>
        <source>Judged only while hashing at least (share of rating)</source>
        <translation>Оценивается, только если хешрейт не ниже (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="600"/>
        <source>Confidence (z score)</source>
        <translation>Доверие (z-оценка)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="601"/>
        <source>Polls at the critical level before critical</source>
        <translation>Опросов на критичном уровне до критичной</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="602"/>
        <source>Zero readings in a row that mean stopped</source>
        <translation>Нулевых показаний подряд — значит, стоит</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="603"/>
        <source>Difference from the other fans (share)</source>
        <translation>Отличие от других вентиляторов (доля)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="604"/>
        <source>Drop that warns (share)</source>
        <translation>Падение для предупреждения (доля)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="605"/>
        <source>Drop-outs that warn</source>
        <translation>Пропаданий до предупреждения</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="606"/>
        <source>Restarts counted over (s)</source>
        <translation>Перезапуски считаются за (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="607"/>
        <source>Restarts that make a loop</source>
        <translation>Перезапусков для цикла</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="608"/>
        <source>Spread factor against peers (× MAD)</source>
        <translation>Множитель разброса относительно соседей (× MAD)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="609"/>
        <source>Hotter than peers by at least (°C)</source>
        <translation>Горячее соседей не меньше чем на (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="610"/>
        <source>Slower than peers by at least (share of rating)</source>
        <translation>Медленнее соседей не меньше чем на (доля номинала)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="611"/>
        <source>Highest believable reading (°C)</source>
        <translation>Наибольшее правдоподобное значение (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="612"/>
        <source>Lowest believable reading (°C)</source>
        <translation>Наименьшее правдоподобное значение (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="613"/>
        <source>Highest believable speed (rpm)</source>
        <translation>Наибольшие правдоподобные обороты (об/мин)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="614"/>
        <source>No share for longer than (s)</source>
        <translation>Нет шар дольше (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="615"/>
        <source>Fewest hardware errors to judge</source>
        <translation>Минимум аппаратных ошибок для оценки</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="616"/>
        <source>Fewest lost chips that warn</source>
        <translation>Минимум потерянных чипов для предупреждения</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="617"/>
        <source>Fewest peers of the same model</source>
        <translation>Минимум соседей той же модели</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="618"/>
        <source>Fewest rejects to judge</source>
        <translation>Минимум отклонённых для оценки</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="627"/>
        <source>Fans compared only above (rpm)</source>
        <translation>Сравнивать вентиляторы только выше (об/мин)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="628"/>
        <source>Fewest shares to judge</source>
        <translation>Минимум шар для оценки</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="629"/>
        <source>Shortest span judged (s)</source>
        <translation>Наименьший период оценки (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="630"/>
        <source>Fewest separate drop-outs that warn</source>
        <translation>Минимум отдельных пропаданий для предупреждения</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="631"/>
        <source>Shortest window judged (s)</source>
        <translation>Наименьшее окно оценки (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="632"/>
        <source>Fewest zero readings that warn</source>
        <translation>Минимум нулевых показаний для предупреждения</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="633"/>
        <source>Near the limit within (°C)</source>
        <translation>Близко к пределу в пределах (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="634"/>
        <source>Smaller rise that warns near the limit (°C)</source>
        <translation>Меньший рост для предупреждения у предела (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="635"/>
        <source>Throttled below (share of the usual frequency)</source>
        <translation>Снижена ниже (доля обычной частоты)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="636"/>
        <source>Recent average over (s)</source>
        <translation>Недавнее среднее за (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="637"/>
        <source>Rise that warns (°C)</source>
        <translation>Рост для предупреждения (°C)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="638"/>
        <source>Rise that warns (percentage points)</source>
        <translation>Рост для предупреждения (процентные пункты)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="639"/>
        <source>Uptime slack when spotting a restart (s)</source>
        <translation>Допуск по аптайму при обнаружении перезапуска (с)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="640"/>
        <source>ddd d MMM HH:mm</source>
        <translation>ddd d MMM HH:mm</translation>
    </message>
</context>
</TS>
