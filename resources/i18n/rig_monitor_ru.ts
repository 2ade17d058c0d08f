<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="17" />
        <source>Scan my network…</source>
        <translation>Сканировать сеть…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="18" />
        <source>Add miners: 10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029</source>
        <translation>Добавить асики: 10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="21" />
        <source>Add</source>
        <translation>Добавить</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="22" />
        <source>Remove selected</source>
        <translation>Удалить выбранные</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="23" />
        <source>Poll now</source>
        <translation>Опросить сейчас</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="24" />
        <source>Poll</source>
        <translation>Опрос</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="25" />
        <source>every </source>
        <translation>каждые </translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="26" />
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="27" />
        <source>Fault settings…</source>
        <translation>Настройки неисправностей…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="28" />
        <source>Fleet</source>
        <translation>Асики</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="29" />
        <source>Faults</source>
        <translation>Неисправности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="30" />
        <source>Racks</source>
        <translation>Стеллажи</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="31" />
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="33" />
        <source>online</source>
        <translation>в сети</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="34" />
        <source>offline</source>
        <translation>не в сети</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="35" />
        <source>with faults</source>
        <translation>с неисправностями</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="36" />
        <source>degraded</source>
        <translation>со сниженной работой</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="37" />
        <source>waiting</source>
        <translation>ожидают</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="38" />
        <source>total</source>
        <translation>всего</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="39" />
        <source>of {nominal} nominal ({share})</source>
        <translation>из {nominal} номинала ({share})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="40" />
        <source>({reporting} of {online} reporting)</source>
        <translation>(сообщают {reporting} из {online})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="41" />
        <source>kW (no miner reports power)</source>
        <translation>кВт (ни один асик не сообщает мощность)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="42" />
        <source>Last sweep {time} in {seconds} s</source>
        <translation>Последний опрос {time} за {seconds} с</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="43" />
        <source>No sweep finished yet</source>
        <translation>Опрос ещё не завершён</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="44" />
        <source>{total} miners</source>
        <translation>асиков: {total}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="45" />
        <source>Showing {shown} of {total}</source>
        <translation>Показано {shown} из {total}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="46" />
        <source>Faults ({count})</source>
        <translation>Неисправности ({count})</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="47" />
        <source>Engine not started</source>
        <translation>Опрос не запущен</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="48" />
        <source>Polling {count} miners…</source>
        <translation>Опрашиваем асики: {count}…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="49" />
        <source>Sweep {sweep}: {polled} miners in {seconds} s</source>
        <translation>Опрос {sweep}: {polled} асиков за {seconds} с</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="50" />
        <source> ({count} offline, backing off)</source>
        <translation> ({count} не в сети, опрашиваются реже)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="51" />
        <source>Sweep {sweep} running: {polled} of {total} polled</source>
        <translation>Идёт опрос {sweep}: {polled} из {total}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="52" />
        <source>{title} on {where}</source>
        <translation>{title} на {where}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="54" />
        <source>Filter (Ctrl+F): 10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  site:north  or any text</source>
        <translation>Фильтр (Ctrl+F): 10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  site:north  или любой текст</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="59" />
        <source>Offline</source>
        <translation>Не в сети</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="60" />
        <source>Critical</source>
        <translation>Критично</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="61" />
        <source>Warning</source>
        <translation>Внимание</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="62" />
        <source>Degraded</source>
        <translation>Снижение</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="63" />
        <source>Problems only</source>
        <translation>Только проблемные</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="64" />
        <source>Views</source>
        <translation>Виды</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="65" />
        <source>Save current view…</source>
        <translation>Сохранить текущий вид…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="66" />
        <source>Delete view</source>
        <translation>Удалить вид</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="67" />
        <source>No grouping</source>
        <translation>Без группировки</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="68" />
        <source>Group by site</source>
        <translation>По площадкам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="69" />
        <source>Group by /24 block</source>
        <translation>По блокам /24</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="70" />
        <source>Group by model</source>
        <translation>По моделям</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="71" />
        <source>Group by firmware</source>
        <translation>По прошивкам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="72" />
        <source>Group by pool</source>
        <translation>По пулам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="73" />
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="74" />
        <source>Miners</source>
        <translation>Асики</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="75" />
        <source>With faults</source>
        <translation>С неисправностями</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="77" />
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="78" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="79" />
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="80" />
        <source>Hashrate</source>
        <translation>Хешрейт</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="81" />
        <source>% nominal</source>
        <translation>% номинала</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="82" />
        <source>Chip max</source>
        <translation>Чип макс.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="83" />
        <source>Board max</source>
        <translation>Плата макс.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="84" />
        <source>Fans</source>
        <translation>Вентиляторы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="85" />
        <source>Power</source>
        <translation>Мощность</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="86" />
        <source>J/TH</source>
        <translation>Дж/TH</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="87" />
        <source>Pool</source>
        <translation>Пул</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="88" />
        <source>Uptime</source>
        <translation>Время работы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="89" />
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="90" />
        <source>OK</source>
        <translation>Норма</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="91" />
        <source>Idle</source>
        <translation>Простой</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="92" />
        <source>Info</source>
        <translation>Инфо</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="93" />
        <source>Waiting</source>
        <translation>Ожидание</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="95" />
        <source>&lt;h2&gt;No miners yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Асиков пока нет&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="96" />
        <source>Scan this computer's networks to find your miners, or type their addresses in the box above: &lt;tt&gt;10.0.0.5&lt;/tt&gt;, &lt;tt&gt;10.0.0.0/24&lt;/tt&gt;, &lt;tt&gt;10.0.0.5-80&lt;/tt&gt;, &lt;tt&gt;10.0.0.5:4029&lt;/tt&gt;.&lt;br&gt;To try Rig Monitor without miners, open the demo: a simulated fleet on this computer.</source>
        <translation>Просканируйте сети этого компьютера, чтобы найти асики, или введите их адреса в поле выше: &lt;tt&gt;10.0.0.5&lt;/tt&gt;, &lt;tt&gt;10.0.0.0/24&lt;/tt&gt;, &lt;tt&gt;10.0.0.5-80&lt;/tt&gt;, &lt;tt&gt;10.0.0.5:4029&lt;/tt&gt;.&lt;br&gt;Чтобы попробовать Rig Monitor без асиков, откройте демо: имитация парка на этом компьютере.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="103" />
        <source>Open the demo</source>
        <translation>Открыть демо</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="105" />
        <source>Select a miner to see its details</source>
        <translation>Выберите асик, чтобы увидеть подробности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="106" />
        <source>Identity</source>
        <translation>Идентификация</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="107" />
        <source>Status:</source>
        <translation>Состояние:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="108" />
        <source>Address:</source>
        <translation>Адрес:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="109" />
        <source>Make / model:</source>
        <translation>Марка / модель:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="110" />
        <source>Firmware:</source>
        <translation>Прошивка:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="111" />
        <source>MAC:</source>
        <translation>MAC:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="112" />
        <source>Hostname:</source>
        <translation>Имя хоста:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="113" />
        <source>Serial:</source>
        <translation>Серийный №:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="114" />
        <source>Hashrate:</source>
        <translation>Хешрейт:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="115" />
        <source>Power:</source>
        <translation>Мощность:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="116" />
        <source>Uptime:</source>
        <translation>Время работы:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="117" />
        <source>Last poll:</source>
        <translation>Последний опрос:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="118" />
        <source>Hashboards</source>
        <translation>Хеш-платы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="119" />
        <source>Pools</source>
        <translation>Пулы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="120" />
        <source>Faults and what to try</source>
        <translation>Неисправности и что сделать</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="121" />
        <source>Chips</source>
        <translation>Чипы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="122" />
        <source>Board °C</source>
        <translation>Плата °C</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="123" />
        <source>Chip °C</source>
        <translation>Чип °C</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="124" />
        <source>Chip status</source>
        <translation>Состояние чипов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="125" />
        <source>Worker</source>
        <translation>Воркер</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="126" />
        <source>Accepted</source>
        <translation>Принято</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="127" />
        <source>Rejected</source>
        <translation>Отклонено</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="129" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="130" />
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="131" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="132" />
        <source>Export table as CSV…</source>
        <translation>Экспорт таблицы в CSV…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="133" />
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="134" />
        <source>Find…</source>
        <translation>Найти…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="135" />
        <source>Details pane</source>
        <translation>Панель подробностей</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="136" />
        <source>Compact mode</source>
        <translation>Компактный режим</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="137" />
        <source>Fit columns to contents</source>
        <translation>Ширина столбцов по содержимому</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="138" />
        <source>Reset columns</source>
        <translation>Сбросить столбцы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="139" />
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="140" />
        <source>Follow the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="141" />
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="142" />
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="143" />
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="144" />
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="145" />
        <source>About Rig Monitor</source>
        <translation>О программе Rig Monitor</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="147" />
        <source>Filter faults by address, model, fault or evidence</source>
        <translation>Фильтр по адресу, модели, неисправности или признакам</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="148" />
        <source>All severities</source>
        <translation>Все уровни</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="149" />
        <source>Warning and worse</source>
        <translation>Внимание и хуже</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="150" />
        <source>Critical only</source>
        <translation>Только критичные</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="151" />
        <source>Show:</source>
        <translation>Показать:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="152" />
        <source>Acknowledged</source>
        <translation>Подтверждённые</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="153" />
        <source>Snoozed</source>
        <translation>Отложенные</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="154" />
        <source>Grouped under incidents</source>
        <translation>Сгруппированные в инциденты</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="155" />
        <source>&lt;b&gt;Recent&lt;/b&gt;</source>
        <translation>&lt;b&gt;Недавние&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="156" />
        <source>Last hour</source>
        <translation>Последний час</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="157" />
        <source>Last 8 hours</source>
        <translation>Последние 8 часов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="158" />
        <source>Last 12 hours</source>
        <translation>Последние 12 часов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="159" />
        <source>Last 24 hours</source>
        <translation>Последние 24 часа</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="160" />
        <source>Since the app started</source>
        <translation>С запуска программы</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="161" />
        <source>Raised and cleared only</source>
        <translation>Только появление и снятие</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="162" />
        <source>&lt;b&gt;Incidents&lt;/b&gt;: none</source>
        <translation>&lt;b&gt;Инциденты&lt;/b&gt;: нет</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="163" />
        <source>Select an incident to see its cause and what to check first.</source>
        <translation>Выберите инцидент, чтобы увидеть причину и что проверить сначала.</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="164" />
        <source>&lt;b&gt;Miners&lt;/b&gt; (double-click: show in the fleet table)</source>
        <translation>&lt;b&gt;Асики&lt;/b&gt; (двойной щелчок: показать в таблице)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="165" />
        <source>Miner</source>
        <translation>Асик</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="166" />
        <source>{count} miners</source>
        <translation>асиков: {count}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="167" />
        <source>since</source>
        <translation>с</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="168" />
        <source>Evidence:</source>
        <translation>Признаки:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="169" />
        <source>How to confirm:</source>
        <translation>Как проверить:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="170" />
        <source>Likely causes</source>
        <translation>Вероятные причины</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="171" />
        <source>What to check first</source>
        <translation>Что проверить сначала</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="172" />
        <source>Evidence</source>
        <translation>Признаки</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="173" />
        <source>Colour by:</source>
        <translation>Цвет по:</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="174" />
        <source>Chip temperature</source>
        <translation>Температура чипов</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="175" />
        <source>% of rating</source>
        <translation>% от номинала</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="176" />
        <source>Status and faults</source>
        <translation>Состояние и неисправности</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="177" />
        <source>Define racks</source>
        <translation>Задать стеллажи</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="178" />
        <source>From addresses (one rack per /24)…</source>
        <translation>По адресам (стеллаж на каждую /24)…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="179" />
        <source>From worker or host names…</source>
        <translation>По именам воркеров или хостов…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="180" />
        <source>Import CSV (rack,row,col,address)…</source>
        <translation>Импорт CSV (rack,row,col,address)…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="181" />
        <source>blue ≤ 60 °C · green 75 °C · amber 85 °C · red ≥ 95 °C · grey: offline · hatched: no reading</source>
        <translation>синий ≤ 60 °C · зелёный 75 °C · жёлтый 85 °C · красный ≥ 95 °C · серый: не в сети · штриховка: нет данных</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="186" />
        <source>green ≥ 95 % · amber 90 % · red ≤ 70 % · grey: offline · hatched: no reading</source>
        <translation>зелёный ≥ 95 % · жёлтый 90 % · красный ≤ 70 % · серый: не в сети · штриховка: нет данных</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="189" />
        <source>the table's status colours · grey: offline · hatched: no reading</source>
        <translation>цвета состояний как в таблице · серый: не в сети · штриховка: нет данных</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="192" />
        <source>No racks yet. Use &lt;b&gt;Define racks&lt;/b&gt;: one rack per /24 block, from worker or host names like &lt;tt&gt;A03-R2-S07&lt;/tt&gt;, or import a CSV with &lt;tt&gt;rack,row,col,address&lt;/tt&gt;.</source>
        <translation>Стеллажей пока нет. Нажмите &lt;b&gt;Задать стеллажи&lt;/b&gt;: по одному на блок /24, по именам воркеров или хостов вида &lt;tt&gt;A03-R2-S07&lt;/tt&gt; или из CSV с &lt;tt&gt;rack,row,col,address&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Действия</translation>
    </message>
    <message>
        <source>Blink locate LED</source>
        <translation>Мигать светодиодом поиска</translation>
    </message>
    <message>
        <source>Stop locate LED</source>
        <translation>Выключить светодиод поиска</translation>
    </message>
    <message>
        <source>Restart mining</source>
        <translation>Перезапустить майнинг</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>Перезагрузить</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>Усыпить</translation>
    </message>
    <message>
        <source>Wake</source>
        <translation>Разбудить</translation>
    </message>
    <message>
        <source>Set pools…</source>
        <translation>Задать пулы…</translation>
    </message>
    <message>
        <source>Open web UI in the browser</source>
        <translation>Открыть веб-интерфейс в браузере</translation>
    </message>
    <message>
        <source>Open web UI</source>
        <translation>Открыть веб-интерфейс</translation>
    </message>
    <message>
        <source>Fleet history</source>
        <translation>История парка</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Передача смены</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Сейчас</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
</context>
</TS>