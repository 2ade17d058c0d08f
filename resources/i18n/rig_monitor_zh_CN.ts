<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="17"/>
        <source>Scan my network…</source>
        <translation>扫描我的网络…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="18"/>
        <source>Add miners: 10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029</source>
        <translation>添加矿机：10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="21"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="22"/>
        <source>Remove selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="23"/>
        <source>Poll now</source>
        <translation>立即轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="24"/>
        <source>Poll</source>
        <translation>轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="25"/>
        <source>every </source>
        <translation>每 </translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="26"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="27"/>
        <source>Fault settings…</source>
        <translation>故障设置…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="28"/>
        <source>Fleet</source>
        <translation>矿机列表</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="29"/>
        <source>Faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="30"/>
        <source>Racks</source>
        <translation>机架</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="31"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="33"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="34"/>
        <source>offline</source>
        <translation>掉线</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="35"/>
        <source>with faults</source>
        <translation>有故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="36"/>
        <source>degraded</source>
        <translation>性能下降</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="37"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="38"/>
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="39"/>
        <source>of {nominal} nominal ({share})</source>
        <translation>/ 额定 {nominal}（{share}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="40"/>
        <source>({reporting} of {online} reporting)</source>
        <translation>（{online} 台中 {reporting} 台上报）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="41"/>
        <source>kW (no miner reports power)</source>
        <translation>kW（没有矿机上报功耗）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="42"/>
        <source>Last sweep {time} in {seconds} s</source>
        <translation>上次轮询 {time}，用时 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="43"/>
        <source>No sweep finished yet</source>
        <translation>尚未完成轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="44"/>
        <source>{total} miners</source>
        <translation>{total} 台矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="45"/>
        <source>Showing {shown} of {total}</source>
        <translation>显示 {shown} / {total} 台</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="46"/>
        <source>Faults ({count})</source>
        <translation>故障（{count}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="47"/>
        <source>Engine not started</source>
        <translation>轮询引擎未启动</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="48"/>
        <source>Polling {count} miners…</source>
        <translation>正在轮询 {count} 台矿机…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="49"/>
        <source>Sweep {sweep}: {polled} miners in {seconds} s</source>
        <translation>第 {sweep} 轮：{polled} 台矿机，用时 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="50"/>
        <source> ({count} offline, backing off)</source>
        <translation>（{count} 台掉线，降低轮询频率）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="51"/>
        <source>Sweep {sweep} running: {polled} of {total} polled</source>
        <translation>第 {sweep} 轮进行中：已轮询 {polled} / {total}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="52"/>
        <source>{title} on {where}</source>
        <translation>{where}：{title}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="54"/>
        <source>Filter (Ctrl+F): 10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  site:north  or any text</source>
        <translation>筛选 (Ctrl+F)：10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  site:north  或任意文字</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/fleet_model.py" line="382"/>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="59"/>
        <source>Offline</source>
        <translation>掉线</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="60"/>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="61"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="62"/>
        <source>Degraded</source>
        <translation>性能下降</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="63"/>
        <source>Problems only</source>
        <translation>只看有问题的</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="64"/>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="65"/>
        <source>Save current view…</source>
        <translation>保存当前视图…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="66"/>
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="67"/>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="68"/>
        <source>Group by site</source>
        <translation>按场地分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="69"/>
        <source>Group by /24 block</source>
        <translation>按 /24 网段分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="70"/>
        <source>Group by model</source>
        <translation>按型号分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="71"/>
        <source>Group by firmware</source>
        <translation>按固件分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="72"/>
        <source>Group by pool</source>
        <translation>按矿池分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="73"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="74"/>
        <source>Miners</source>
        <translation>矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="75"/>
        <source>With faults</source>
        <translation>有故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="77"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="78"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="79"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="80"/>
        <source>Hashrate</source>
        <translation>算力</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="81"/>
        <source>% nominal</source>
        <translation>额定 %</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="82"/>
        <source>Chip max</source>
        <translation>芯片最高</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="83"/>
        <source>Board max</source>
        <translation>算力板最高</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="84"/>
        <source>Fans</source>
        <translation>风扇</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="85"/>
        <source>Power</source>
        <translation>功耗</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="86"/>
        <source>J/TH</source>
        <translation>J/TH</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="87"/>
        <source>Pool</source>
        <translation>矿池</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="88"/>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="89"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="90"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="91"/>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="92"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="93"/>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="95"/>
        <source>&lt;h2&gt;No miners yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;还没有矿机&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="96"/>
        <source>Scan this computer&apos;s networks to find your miners, or type their addresses in the box above: &lt;tt&gt;10.0.0.5&lt;/tt&gt;, &lt;tt&gt;10.0.0.0/24&lt;/tt&gt;, &lt;tt&gt;10.0.0.5-80&lt;/tt&gt;, &lt;tt&gt;10.0.0.5:4029&lt;/tt&gt;.&lt;br&gt;To try Rig Monitor without miners, open the demo: a simulated fleet on this computer.</source>
        <translation>扫描本机所在的网络来查找矿机，或在上面的输入框中输入地址：&lt;tt&gt;10.0.0.5&lt;/tt&gt;、&lt;tt&gt;10.0.0.0/24&lt;/tt&gt;、&lt;tt&gt;10.0.0.5-80&lt;/tt&gt;、&lt;tt&gt;10.0.0.5:4029&lt;/tt&gt;。&lt;br&gt;没有矿机也可以试用：打开演示，在本机上运行一组模拟矿机。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="103"/>
        <source>Open the demo</source>
        <translation>打开演示</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="105"/>
        <source>Select a miner to see its details</source>
        <translation>选择一台矿机查看详情</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="106"/>
        <source>Identity</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="107"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="108"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="109"/>
        <source>Make / model:</source>
        <translation>品牌 / 型号：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="110"/>
        <source>Firmware:</source>
        <translation>固件：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="111"/>
        <source>MAC:</source>
        <translation>MAC：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="112"/>
        <source>Hostname:</source>
        <translation>主机名：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="113"/>
        <source>Serial:</source>
        <translation>序列号：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="114"/>
        <source>Hashrate:</source>
        <translation>算力：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="115"/>
        <source>Power:</source>
        <translation>功耗：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="116"/>
        <source>Uptime:</source>
        <translation>运行时间：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="117"/>
        <source>Last poll:</source>
        <translation>上次轮询：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="118"/>
        <source>Hashboards</source>
        <translation>算力板</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="119"/>
        <source>Pools</source>
        <translation>矿池</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="120"/>
        <source>Faults and what to try</source>
        <translation>故障与处理建议</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="121"/>
        <source>Chips</source>
        <translation>芯片</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="122"/>
        <source>Board °C</source>
        <translation>算力板 °C</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="123"/>
        <source>Chip °C</source>
        <translation>芯片 °C</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="124"/>
        <source>Chip status</source>
        <translation>芯片状态</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="125"/>
        <source>Worker</source>
        <translation>矿工名</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="126"/>
        <source>Accepted</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="127"/>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="129"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="130"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="131"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="132"/>
        <source>Export table as CSV…</source>
        <translation>导出表格为 CSV…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="133"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="134"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="135"/>
        <source>Details pane</source>
        <translation>详情面板</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="136"/>
        <source>Compact mode</source>
        <translation>紧凑模式</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="137"/>
        <source>Fit columns to contents</source>
        <translation>按内容调整列宽</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="138"/>
        <source>Reset columns</source>
        <translation>重置列</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="139"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="140"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="141"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="142"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="143"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="144"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="145"/>
        <source>About Rig Monitor</source>
        <translation>关于 Rig Monitor</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="147"/>
        <source>Filter faults by address, model, fault or evidence</source>
        <translation>按地址、型号、故障或证据筛选故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="148"/>
        <source>All severities</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="149"/>
        <source>Warning and worse</source>
        <translation>警告及以上</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="150"/>
        <source>Critical only</source>
        <translation>只看严重</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="151"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="152"/>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="153"/>
        <source>Snoozed</source>
        <translation>已暂停提醒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="154"/>
        <source>Grouped under incidents</source>
        <translation>归入事件的故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="155"/>
        <source>&lt;b&gt;Recent&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="156"/>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="157"/>
        <source>Last 8 hours</source>
        <translation>最近 8 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="158"/>
        <source>Last 12 hours</source>
        <translation>最近 12 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="159"/>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="160"/>
        <source>Since the app started</source>
        <translation>自程序启动以来</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="161"/>
        <source>Raised and cleared only</source>
        <translation>只看出现和消除</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="162"/>
        <source>&lt;b&gt;Incidents&lt;/b&gt;: none</source>
        <translation>&lt;b&gt;事件&lt;/b&gt;：无</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="163"/>
        <source>Select an incident to see its cause and what to check first.</source>
        <translation>选择一个事件，查看原因和首先要检查的地方。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="164"/>
        <source>&lt;b&gt;Miners&lt;/b&gt; (double-click: show in the fleet table)</source>
        <translation>&lt;b&gt;矿机&lt;/b&gt;（双击：在矿机列表中显示）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="165"/>
        <source>Miner</source>
        <translation>矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="166"/>
        <source>{count} miners</source>
        <translation>{count} 台矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="167"/>
        <source>since</source>
        <translation>始于</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="168"/>
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="169"/>
        <source>How to confirm:</source>
        <translation>如何确认：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="170"/>
        <source>Likely causes</source>
        <translation>可能原因</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="171"/>
        <source>What to check first</source>
        <translation>首先检查</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="172"/>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="173"/>
        <source>Colour by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="174"/>
        <source>Chip temperature</source>
        <translation>芯片温度</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="175"/>
        <source>% of rating</source>
        <translation>额定算力 %</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="176"/>
        <source>Status and faults</source>
        <translation>状态与故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="177"/>
        <source>Define racks</source>
        <translation>定义机架</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="178"/>
        <source>From addresses (one rack per /24)…</source>
        <translation>按地址（每个 /24 一个机架）…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="179"/>
        <source>From worker or host names…</source>
        <translation>按矿工名或主机名…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="180"/>
        <source>Import CSV (rack,row,col,address)…</source>
        <translation>导入 CSV（rack,row,col,address）…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="181"/>
        <source>blue ≤ 60 °C · green 75 °C · amber 85 °C · red ≥ 95 °C · grey: offline · hatched: no reading</source>
        <translation>蓝 ≤ 60 °C · 绿 75 °C · 橙 85 °C · 红 ≥ 95 °C · 灰：掉线 · 斜线：无读数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="186"/>
        <source>green ≥ 95 % · amber 90 % · red ≤ 70 % · grey: offline · hatched: no reading</source>
        <translation>绿 ≥ 95 % · 橙 90 % · 红 ≤ 70 % · 灰：掉线 · 斜线：无读数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="189"/>
        <source>the table&apos;s status colours · grey: offline · hatched: no reading</source>
        <translation>与表格相同的状态颜色 · 灰：掉线 · 斜线：无读数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="192"/>
        <source>No racks yet. Use &lt;b&gt;Define racks&lt;/b&gt;: one rack per /24 block, from worker or host names like &lt;tt&gt;A03-R2-S07&lt;/tt&gt;, or import a CSV with &lt;tt&gt;rack,row,col,address&lt;/tt&gt;.</source>
        <translation>还没有机架。使用&lt;b&gt;定义机架&lt;/b&gt;：每个 /24 网段一个机架，按 &lt;tt&gt;A03-R2-S07&lt;/tt&gt; 这样的矿工名或主机名，或导入包含 &lt;tt&gt;rack,row,col,address&lt;/tt&gt; 的 CSV。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="198"/>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="199"/>
        <source>Blink locate LED</source>
        <translation>闪烁定位灯</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="200"/>
        <source>Stop locate LED</source>
        <translation>关闭定位灯</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="201"/>
        <source>Restart mining</source>
        <translation>重启挖矿程序</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="202"/>
        <source>Reboot</source>
        <translation>重启矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="203"/>
        <source>Sleep</source>
        <translation>休眠</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="204"/>
        <source>Wake</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="205"/>
        <source>Set pools…</source>
        <translation>设置矿池…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="206"/>
        <source>Open web UI in the browser</source>
        <translation>在浏览器中打开管理页面</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="207"/>
        <source>Open web UI</source>
        <translation>打开管理页面</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="209"/>
        <source>Fleet history</source>
        <translation>机群历史</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="210"/>
        <source>Handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="211"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="212"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="215"/>
        <source>Pool URL (stratum+tcp://host:port)</source>
        <translation>矿池地址（stratum+tcp://主机:端口）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="216"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="217"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="218"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="219"/>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="220"/>
        <source>Give at least one pool URL and worker</source>
        <translation>至少填写一个矿池地址和矿工名</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="221"/>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="222"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="223"/>
        <source>backup</source>
        <translation>备用</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="224"/>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="225"/>
        <source>They go out in waves by address block, a few at a time.</source>
        <translation>按地址段分批发送，每批几台。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="226"/>
        <source>&lt;b&gt;{action}&lt;/b&gt;: {ok} done, {failed} failed, {skipped} skipped. Logged to the action log.</source>
        <translation>&lt;b&gt;{action}&lt;/b&gt;：完成 {ok}，失败 {failed}，跳过 {skipped}。已写入操作日志。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="230"/>
        <source>&lt;b&gt;{action}&lt;/b&gt;: sending…</source>
        <translation>&lt;b&gt;{action}&lt;/b&gt;：正在发送…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="231"/>
        <source>yes</source>
        <translation>可以</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="232"/>
        <source>no</source>
        <translation>不可以</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="233"/>
        <source>Remove miners</source>
        <translation>移除矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="234"/>
        <source>Actions on selected miners</source>
        <translation>对所选矿机操作</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="235"/>
        <source>They are no longer polled; their passwords stay in the keyring.</source>
        <translation>移除后不再轮询；密码仍保存在系统钥匙串中。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="238"/>
        <source>Select the miners first</source>
        <translation>请先选择矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="239"/>
        <source>sends: {plan}</source>
        <translation>发送：{plan}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="240"/>
        <source>Rig Monitor: unexpected error</source>
        <translation>Rig Monitor：意外错误</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="241"/>
        <source>Something went wrong inside Rig Monitor. Polling goes on, but this window may show stale or wrong data until it is restarted.</source>
        <translation>Rig Monitor 内部出错。轮询仍在继续，但在重启之前，窗口里的数据可能过时或不正确。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="245"/>
        <source>Details are in {path}.</source>
        <translation>详情见 {path}。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="246"/>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="247"/>
        <source>{what}; a fault is raised after {after}</source>
        <translation>{what}；持续 {after} 后报故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="248"/>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="249"/>
        <source>hashrate {share} for {time}</source>
        <translation>算力 {share} 已持续 {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="250"/>
        <source>fan {fans} at 0 rpm for {time}</source>
        <translation>风扇 {fans} 转速为 0 已持续 {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="251"/>
        <source>chain {chain}: {chips}/{expected} chips</source>
        <translation>链 {chain}：{chips}/{expected} 颗芯片</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="252"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="253"/>
        <source>active pool</source>
        <translation>当前矿池</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="254"/>
        <source>{model} at {address}</source>
        <translation>{model}（{address}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="255"/>
        <source>Offline: {error} (last answered: {time})</source>
        <translation>掉线：{error}（最后响应：{time}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="256"/>
        <source>of {nominal} ({share})</source>
        <translation>/ 额定 {nominal}（{share}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="257"/>
        <source>Try, cheapest first</source>
        <translation>处理步骤（从省事的开始）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="258"/>
        <source>For 1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="259"/>
        <source>For 4 hours</source>
        <translation>4 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="260"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="261"/>
        <source>Mark as seen: stays listed, stops notifying, until it gets worse</source>
        <translation>标记为已看到：仍然列出，不再提醒，除非变得更严重</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="264"/>
        <source>Snooze</source>
        <translation>暂停提醒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="265"/>
        <source>Hide it for a while; it comes back if still open, or worse</source>
        <translation>暂时隐藏；到时仍未消除或变严重会再出现</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="266"/>
        <source>Until tomorrow {time}</source>
        <translation>到明天 {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="267"/>
        <source>in an incident</source>
        <translation>属于某个事件</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="268"/>
        <source>No answer from this miner: faults are judged on answers</source>
        <translation>这台矿机没有响应：故障只根据响应判断</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="269"/>
        <source>No faults</source>
        <translation>无故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="270"/>
        <source>{count} missing</source>
        <translation>缺 {count} 颗</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="271"/>
        <source>since {time}</source>
        <translation>始于 {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="272"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="273"/>
        <source>Snoozed until {time}</source>
        <translation>暂停提醒至 {time}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="274"/>
        <source>Acknowledged {time}</source>
        <translation>已于 {time} 确认</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="275"/>
        <source>board {board}, chip {chip}: {what}</source>
        <translation>第 {board} 块板，第 {chip} 颗芯片：{what}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="276"/>
        <source>x (bad)</source>
        <translation>x（损坏）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="277"/>
        <source>- (unstable)</source>
        <translation>-（不稳定）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="278"/>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="279"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="280"/>
        <source>{title} (board {board})</source>
        <translation>{title}（第 {board} 块板）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="281"/>
        <source>In incident</source>
        <translation>属于事件</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="282"/>
        <source>Grouped under: {title}</source>
        <translation>归入：{title}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="283"/>
        <source>Faults that an incident above already explains (e.g. 40 unreachable miners in one rack): off by default, the incident says it once</source>
        <translation>上方某个事件已经说明了的故障（例如同一机架 40 台矿机连不上）：默认不显示，事件里说一次就够了</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="287"/>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="288"/>
        <source>Active faults</source>
        <translation>当前故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="289"/>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="290"/>
        <source>Fault tracking is off</source>
        <translation>故障跟踪已关闭</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="291"/>
        <source>many miners, one cause</source>
        <translation>多台矿机，同一原因</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="292"/>
        <source>showing {count}</source>
        <translation>显示 {count} 条</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="293"/>
        <source>Offline, warning or critical faults, low hashrate, stopped fan</source>
        <translation>掉线、警告或严重故障、低算力、风扇停转</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="296"/>
        <source>Filter not applied: {error}</source>
        <translation>筛选未生效：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/fleet_model.py" line="380"/>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="297"/>
        <source>Waiting for the first poll</source>
        <translation>等待第一次轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/fleet_model.py" line="389"/>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="298"/>
        <source>Fans: {rpm}</source>
        <translation>风扇：{rpm}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/fleet_model.py" line="397"/>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="299"/>
        <source>Nominal {hashrate}</source>
        <translation>额定 {hashrate}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="300"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="301"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="302"/>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="303"/>
        <source>Per board</source>
        <translation>各算力板</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="304"/>
        <source>Temperatures</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="305"/>
        <source>Note for this miner: board 2 swapped, PSU replaced, fan changed…</source>
        <translation>这台矿机的备注：换了第 2 块板、换了电源、换了风扇…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="308"/>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="309"/>
        <source>Export chart CSV…</source>
        <translation>导出图表 CSV…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="310"/>
        <source>Daily report…</source>
        <translation>日报…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="311"/>
        <source>Yesterday (UTC): hashrate, uptime, efficiency and faults per miner</source>
        <translation>昨天（UTC）：每台矿机的算力、在线率、能效和故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="314"/>
        <source>Export fleet table…</source>
        <translation>导出矿机列表…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="315"/>
        <source>The fleet table as it is now, as CSV or JSON</source>
        <translation>当前的矿机列表，导出为 CSV 或 JSON</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="316"/>
        <source>Fleet hashrate</source>
        <translation>机群算力</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="317"/>
        <source>count</source>
        <translation>台数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="318"/>
        <source>Fleet power</source>
        <translation>机群功耗</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="319"/>
        <source>Open faults</source>
        <translation>未消除故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="320"/>
        <source>Range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="321"/>
        <source>History is off</source>
        <translation>历史记录已关闭</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="322"/>
        <source>hashrate</source>
        <translation>算力</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="323"/>
        <source>nominal</source>
        <translation>额定</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="324"/>
        <source>chip max</source>
        <translation>芯片最高</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="325"/>
        <source>board max</source>
        <translation>板温最高</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="326"/>
        <source>power</source>
        <translation>功耗</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="327"/>
        <source>Select a miner to see its history</source>
        <translation>选择一台矿机查看其历史</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="328"/>
        <source>Nothing recorded for this miner yet</source>
        <translation>这台矿机还没有记录</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="329"/>
        <source>OFFLINE</source>
        <translation>掉线</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="330"/>
        <source>Export chart data</source>
        <translation>导出图表数据</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="331"/>
        <source>nominal (online)</source>
        <translation>额定（在线）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="332"/>
        <source>polled</source>
        <translation>已轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="333"/>
        <source>faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="334"/>
        <source>{points} points ({resolution})</source>
        <translation>{points} 个点（{resolution}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="335"/>
        <source>Nothing recorded yet</source>
        <translation>还没有记录</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="336"/>
        <source>Export fleet chart</source>
        <translation>导出机群图表</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="337"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="338"/>
        <source>Daily site report</source>
        <translation>场地日报</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="339"/>
        <source>Printable page (*.html);;CSV (*.csv)</source>
        <translation>可打印网页 (*.html);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="340"/>
        <source>Export fleet table</source>
        <translation>导出矿机列表</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="341"/>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="342"/>
        <source>{value} of {nominal}</source>
        <translation>{value} / {nominal}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="343"/>
        <source>chip {temp}</source>
        <translation>芯片 {temp}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="344"/>
        <source>board {temp}</source>
        <translation>板温 {temp}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="345"/>
        <source>History unavailable: {error}</source>
        <translation>历史记录不可用：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="346"/>
        <source>serial {serial}</source>
        <translation>序列号 {serial}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="347"/>
        <source>fans {rpm}</source>
        <translation>风扇 {rpm}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="348"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="349"/>
        <source>board {board}</source>
        <translation>第 {board} 块板</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="350"/>
        <source>fan {fan}</source>
        <translation>风扇 {fan}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="351"/>
        <source>{online} of {miners} online</source>
        <translation>{miners} 台中 {online} 台在线</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="352"/>
        <source>{count} faults</source>
        <translation>{count} 个故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="353"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="354"/>
        <source>What changed in the</source>
        <translation>变化范围：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="355"/>
        <source>Nothing changed</source>
        <translation>没有变化</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="356"/>
        <source>Export handover</source>
        <translation>导出交接班记录</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="357"/>
        <source>Another device at this address</source>
        <translation>这个地址换了设备</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="358"/>
        <source>@files are for the command line: paste the addresses here instead</source>
        <translation>@文件 只能在命令行用：请把地址直接粘贴到这里</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="361"/>
        <source>Time between sweeps</source>
        <translation>两轮轮询之间的间隔</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="362"/>
        <source>Find the miners on this computer&apos;s networks and add them</source>
        <translation>在本机所在网络中查找矿机并添加</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="363"/>
        <source>Detection thresholds and the language of fault texts</source>
        <translation>检测阈值和故障说明的语言</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="364"/>
        <source>Remove selected miners</source>
        <translation>移除所选矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="365"/>
        <source>Set password for selected miners…</source>
        <translation>为所选矿机设置密码…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="366"/>
        <source>Send the saved password to the new device here…</source>
        <translation>把保存的密码发给这里的新设备…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="367"/>
        <source>Open the Faults view</source>
        <translation>打开故障视图</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="368"/>
        <source>Show Rig Monitor</source>
        <translation>显示 Rig Monitor</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="369"/>
        <source>Miner password</source>
        <translation>矿机密码</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="370"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="371"/>
        <source>the OS keyring</source>
        <translation>系统钥匙串</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="372"/>
        <source>memory until the app closes</source>
        <translation>内存中（程序关闭前有效）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="373"/>
        <source>A simulated fleet on this computer only (loopback addresses)</source>
        <translation>只在本机运行的模拟机群（回环地址）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="374"/>
        <source>Engine stopped</source>
        <translation>引擎已停止</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="375"/>
        <source>Starting the demo in its own window…</source>
        <translation>正在单独的窗口中启动演示…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="376"/>
        <source>Export the table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="377"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="378"/>
        <source>Fault settings saved; they apply from the next poll</source>
        <translation>故障设置已保存，下次轮询起生效</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="379"/>
        <source>Still watching the fleet from the tray.</source>
        <translation>仍在系统托盘中监控机群。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="380"/>
        <source>Type addresses to add, e.g. 10.0.0.5, 10.0.0.0/24 or 10.0.0.5-80</source>
        <translation>输入要添加的地址，例如 10.0.0.5、10.0.0.0/24 或 10.0.0.5-80</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="383"/>
        <source>Not added: public addresses need your confirmation.</source>
        <translation>未添加：公网地址需要你确认。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="384"/>
        <source>The engine is not running yet</source>
        <translation>引擎尚未运行</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="385"/>
        <source>Polling now…</source>
        <translation>正在轮询…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="386"/>
        <source>Polling stopped: {error}. Restart Rig Monitor to resume.</source>
        <translation>轮询已停止：{error}。重启 Rig Monitor 以继续。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="387"/>
        <source>Fault tracking is off in this window</source>
        <translation>此窗口未开启故障跟踪</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="388"/>
        <source>Already monitored.</source>
        <translation>已在监控中。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="389"/>
        <source>Nothing to add: no addresses in that text.</source>
        <translation>没有可添加的：文本中没有地址。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="390"/>
        <source>(click: open the Faults view)</source>
        <translation>（点击：打开故障视图）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="391"/>
        <source>Thresholds: {problems}</source>
        <translation>阈值：{problems}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="392"/>
        <source>History: {problem}</source>
        <translation>历史记录：{problem}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="393"/>
        <source>{count} of these addresses are on the public internet (first: {first}). Miners live on private networks; polling other people&apos;s addresses may be unwelcome. Add them anyway?</source>
        <translation>其中 {count} 个地址在公网上（第一个：{first}）。矿机一般在内网；轮询别人的地址可能不受欢迎。仍然添加？</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="397"/>
        <source>Could not start the demo: {error}</source>
        <translation>无法启动演示：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="398"/>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="399"/>
        <source>one rack per /24 block</source>
        <translation>每个 /24 网段一个机架</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="400"/>
        <source>from names</source>
        <translation>按名称</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="401"/>
        <source>from CSV</source>
        <translation>来自 CSV</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="402"/>
        <source>Racks from addresses</source>
        <translation>按地址生成机架</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="403"/>
        <source>Miners per shelf (columns):</source>
        <translation>每层矿机数（列）：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="404"/>
        <source>Racks from names</source>
        <translation>按名称生成机架</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="405"/>
        <source>Regular expression with the groups rack, row and col
(matched against the pool worker name, else the host name):</source>
        <translation>含 rack、row、col 分组的正则表达式
（匹配矿池矿工名，没有则匹配主机名）：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="409"/>
        <source>Import racks</source>
        <translation>导入机架</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="410"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="411"/>
        <source>racks: {racks}, miners placed: {placed}</source>
        <translation>机架：{racks}，已放置矿机：{placed}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="412"/>
        <source>No worker or host name matched the pattern</source>
        <translation>没有矿工名或主机名匹配该表达式</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="413"/>
        <source>Pattern not used: {error}</source>
        <translation>表达式未使用：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="414"/>
        <source>CSV not imported: {error}</source>
        <translation>CSV 未导入：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="415"/>
        <source>Could not read the racks: {error}</source>
        <translation>无法读取机架：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="416"/>
        <source>Could not save the racks: {error}</source>
        <translation>无法保存机架：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="417"/>
        <source>Could not read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="418"/>
        <source>not in the fleet</source>
        <translation>不在列表中</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="419"/>
        <source>rating unknown</source>
        <translation>额定未知</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="420"/>
        <source>no chip temperature</source>
        <translation>无芯片温度</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="421"/>
        <source>{rack} row {row}, slot {slot}</source>
        <translation>{rack} 第 {row} 层，第 {slot} 位</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="422"/>
        <source>Save the current filter as a named view, or go back to a saved one</source>
        <translation>把当前筛选保存为命名视图，或回到已保存的视图</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="425"/>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="426"/>
        <source>Name of this view:</source>
        <translation>视图名称：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="427"/>
        <source>Scan public addresses?</source>
        <translation>扫描公网地址？</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="428"/>
        <source>Save as site</source>
        <translation>保存为场地</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="429"/>
        <source>Site name (e.g. Qingdao-2):</source>
        <translation>场地名称（例如 青岛-2）：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="430"/>
        <source>Scan my network</source>
        <translation>扫描我的网络</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="431"/>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="432"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="433"/>
        <source>%v of %m addresses</source>
        <translation>%v / %m 个地址</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="434"/>
        <source>Add to fleet</source>
        <translation>添加到列表</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="435"/>
        <source>Save as site…</source>
        <translation>保存为场地…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="436"/>
        <source>Suggested from this computer&apos;s networks.</source>
        <translation>根据本机所在网络推荐。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="437"/>
        <source>Type the addresses of your miners&apos; network.</source>
        <translation>请输入矿机所在网络的地址。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="438"/>
        <source>Reading the address files…</source>
        <translation>正在读取地址文件…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="439"/>
        <source>Type the addresses to scan, e.g. 10.10.0.0/22</source>
        <translation>输入要扫描的地址，例如 10.10.0.0/22</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="440"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="441"/>
        <source>Scan stopped.</source>
        <translation>扫描已停止。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="442"/>
        <source>Scan complete.</source>
        <translation>扫描完成。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="443"/>
        <source>{done} of {total} addresses, {found} miners found</source>
        <translation>{total} 个地址已扫 {done} 个，找到 {found} 台矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="444"/>
        <source>{count} of these addresses are on the public internet (first: {first}). Miners live on private networks; scanning other people&apos;s addresses may be unwelcome. Scan them anyway?</source>
        <translation>其中 {count} 个地址在公网上（第一个：{first}）。矿机一般在内网；扫描别人的地址可能不受欢迎。仍然扫描？</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="448"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="449"/>
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="450"/>
        <source>Fault settings</source>
        <translation>故障设置</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="451"/>
        <source>Filter: fault or parameter (e.g. chip, warn_c)</source>
        <translation>筛选：故障或参数（例如 芯片、warn_c）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="452"/>
        <source>Clear this scope</source>
        <translation>清空此范围</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="453"/>
        <source>Remove every value set for this scope</source>
        <translation>删除此范围内设置的所有值</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="454"/>
        <source>Fault texts in:</source>
        <translation>故障说明语言：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="455"/>
        <source>Thresholds for:</source>
        <translation>阈值适用于：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="456"/>
        <source>e.g. Antminer S19j Pro</source>
        <translation>例如 Antminer S19j Pro</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="457"/>
        <source>e.g. 10.10.1.37</source>
        <translation>例如 10.10.1.37</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="458"/>
        <source>Automatic ({language})</source>
        <translation>自动（{language}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="459"/>
        <source>{key}: {value} is not a number</source>
        <translation>{key}：{value} 不是数字</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="460"/>
        <source>Not changed: {reason}</source>
        <translation>未修改：{reason}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="461"/>
        <source>Desktop operations monitor for Bitcoin ASIC miners: live hashrate, temperatures, fans, power and pools; faults with likely causes and remedies.</source>
        <translation>比特币 ASIC 矿机的桌面运维监控：实时算力、温度、风扇、功耗和矿池；故障附带可能原因和处理方法。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="465"/>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="466"/>
        <source>Critical, warning or info</source>
        <translation>严重、警告或提示</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="467"/>
        <source>Address (double-click to show it in the fleet table)</source>
        <translation>地址（双击在矿机列表中显示）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="468"/>
        <source>Make and model</source>
        <translation>品牌和型号</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="469"/>
        <source>What is wrong</source>
        <translation>出了什么问题</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="470"/>
        <source>What the miner reported</source>
        <translation>矿机报告的内容</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="471"/>
        <source>First bad poll of the streak that raised it, and its age</source>
        <translation>触发故障的连续异常中第一次轮询的时间，以及已过多久</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="472"/>
        <source>Acknowledged, snoozed, or grouped under an incident</source>
        <translation>已确认、已暂停提醒，或归入某个事件</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="473"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="474"/>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="475"/>
        <source>Since</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="476"/>
        <source>State</source>
        <translation>处理状态</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="477"/>
        <source>Incident / miner</source>
        <translation>事件 / 矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="478"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="479"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="480"/>
        <source>Event</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="481"/>
        <source>Raised</source>
        <translation>出现</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="482"/>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="483"/>
        <source>Eased</source>
        <translation>缓解</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="484"/>
        <source>Cleared</source>
        <translation>已消除</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="485"/>
        <source>Snooze ended</source>
        <translation>暂停提醒结束</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="486"/>
        <source>New faults</source>
        <translation>新故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="487"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="488"/>
        <source>Acknowledged and snoozed</source>
        <translation>已确认和已暂停提醒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="489"/>
        <source>raised</source>
        <translation>出现</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="490"/>
        <source>escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="491"/>
        <source>cleared</source>
        <translation>已消除</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="492"/>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="493"/>
        <source>snoozed</source>
        <translation>已暂停提醒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="494"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="495"/>
        <source>action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="496"/>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="497"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="498"/>
        <source>info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="499"/>
        <source>last 4 hours</source>
        <translation>最近 4 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="500"/>
        <source>last 8 hours</source>
        <translation>最近 8 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="501"/>
        <source>last 12 hours</source>
        <translation>最近 12 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="502"/>
        <source>last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="503"/>
        <source>last 48 hours</source>
        <translation>最近 48 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="504"/>
        <source>last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="505"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="506"/>
        <source>6 hours</source>
        <translation>6 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="507"/>
        <source>24 hours</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="508"/>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="509"/>
        <source>30 days</source>
        <translation>30 天</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="510"/>
        <source>90 days</source>
        <translation>90 天</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="511"/>
        <source>alive</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="512"/>
        <source>dead</source>
        <translation>断开</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="513"/>
        <source>sick</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="514"/>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="515"/>
        <source>rejecting</source>
        <translation>拒绝中</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="516"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="517"/>
        <source>All miners</source>
        <translation>所有矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="518"/>
        <source>One model</source>
        <translation>单个型号</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="519"/>
        <source>One miner</source>
        <translation>单台矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="520"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="521"/>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="522"/>
        <source>Your value</source>
        <translation>你的设置</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="523"/>
        <source>Only the values you change are saved; leave a value empty to use the default. &lt;b&gt;A value set for all miners beats the model database for every model&lt;/b&gt; — e.g. a global chip temperature limit replaces the S21&apos;s and the S19&apos;s own limits. Set temperature limits per model where you can. More specific wins: one miner &amp;gt; one model &amp;gt; all miners.</source>
        <translation>只保存你修改过的值；留空即使用默认值。&lt;b&gt;为所有矿机设置的值会覆盖机型数据库中每个型号的值&lt;/b&gt;——例如全局芯片温度上限会取代 S21 和 S19 各自的上限。能按型号设置温度上限就按型号设置。范围越具体优先级越高：单台矿机 &amp;gt; 单个型号 &amp;gt; 所有矿机。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="527"/>
        <source>Defaults shown include your values for all miners. Model names match what the miner reports (&quot;Antminer S19j Pro&quot; or &quot;S19j Pro&quot;); a miner is an address (or address:port). Leave a value empty to inherit it.</source>
        <translation>显示的默认值已包含你为所有矿机设置的值。型号名称按矿机报告的写（&quot;Antminer S19j Pro&quot; 或 &quot;S19j Pro&quot;）；单台矿机用地址（或 地址:端口）表示。留空即沿用上一级的值。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="531"/>
        <source>Find / filter the fleet</source>
        <translation>查找 / 筛选矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="532"/>
        <source>Show or hide the details pane</source>
        <translation>显示或隐藏详情面板</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="533"/>
        <source>Compact mode (small screens)</source>
        <translation>紧凑模式（小屏幕）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="534"/>
        <source>Export the table as CSV</source>
        <translation>把表格导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="535"/>
        <source>Fleet tab / Faults tab</source>
        <translation>矿机列表页 / 故障页</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="536"/>
        <source>Only miners that do not answer</source>
        <translation>只看没有响应的矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="537"/>
        <source>Only miners with a critical fault</source>
        <translation>只看有严重故障的矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="538"/>
        <source>Only miners with a warning</source>
        <translation>只看有警告的矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="539"/>
        <source>Low hashrate, stopped fan or missing chips, no fault yet</source>
        <translation>算力低、风扇停转或缺芯片，但还没报故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="540"/>
        <source>Type terms; all must match:
  10.1.2.0/26   a CIDR block        10.1.2.5-80   a range
  10.1.2.7      one miner           10.1.2.       an address prefix
  model:S19   fault:fan   status:offline   site:north   pool:viabtc   fw:braiins
  status:offline,critical   (a comma means any of)
  -status:ok   (a minus negates)     anything else: free text, fault texts too</source>
        <translation>输入条件，全部满足才显示：
  10.1.2.0/26   一个 CIDR 网段      10.1.2.5-80   一个范围
  10.1.2.7      一台矿机            10.1.2.       地址前缀
  model:S19   fault:fan   status:offline   site:north   pool:viabtc   fw:braiins
  status:offline,critical   （逗号表示任一）
  -status:ok   （减号表示取反）     其他任何内容：自由文本，也搜索故障说明</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="544"/>
        <source>OK, worst fault severity, offline, or degraded (under 90 % of nominal, a stopped fan or missing chips, with no fault raised)</source>
        <translation>正常、最严重故障级别、掉线，或性能下降（低于额定 90 %、风扇停转或缺芯片，但尚未报故障）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="548"/>
        <source>IP address (and API port when it is not 4028)</source>
        <translation>IP 地址（API 端口不是 4028 时一并显示）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="549"/>
        <source>Make and model (last known when offline)</source>
        <translation>品牌和型号（掉线时显示最后已知的）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="550"/>
        <source>Hashrate: the miner&apos;s own average (the 5 s figure is in the detail pane)</source>
        <translation>算力：矿机自己的平均值（5 秒值在详情面板中）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="553"/>
        <source>Hashrate as a share of the rated hashrate; red under 90 %</source>
        <translation>算力占额定算力的百分比；低于 90 % 显示红色</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="554"/>
        <source>Hottest chip temperature</source>
        <translation>最热芯片温度</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="555"/>
        <source>Hottest hashboard (PCB) temperature</source>
        <translation>最热算力板（PCB）温度</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="556"/>
        <source>Slowest fan in rpm × number of fans; red when a fan is stopped</source>
        <translation>最慢风扇转速 × 风扇数；有风扇停转时显示红色</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="559"/>
        <source>Power draw reported by the miner</source>
        <translation>矿机报告的功耗</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="560"/>
        <source>Efficiency: watts per TH/s</source>
        <translation>能效：每 TH/s 的瓦数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="561"/>
        <source>Active pool host and worker</source>
        <translation>当前矿池地址和矿工名</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="562"/>
        <source>Time since the mining process started</source>
        <translation>挖矿程序启动以来的时间</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="563"/>
        <source>Most severe fault, and how many</source>
        <translation>最严重的故障，以及故障数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="564"/>
        <source>Why the miner could not be read</source>
        <translation>读不到矿机数据的原因</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="565"/>
        <source>Set pools</source>
        <translation>设置矿池</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="566"/>
        <source>Can do it?</source>
        <translation>能执行？</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="567"/>
        <source>What happens</source>
        <translation>会发生什么</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="568"/>
        <source>every poll</source>
        <translation>每次轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="569"/>
        <source>every sweep</source>
        <translation>每轮轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="570"/>
        <source>5-minute averages</source>
        <translation>5 分钟平均</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="571"/>
        <source>hourly averages</source>
        <translation>每小时平均</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="619"/>
        <source>Hashes per difficulty-1 share, SHA-256 (power of 2)</source>
        <translation>难度 1 份额的哈希数，SHA-256（2 的幂）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="620"/>
        <source>Hashes per difficulty-1 share, Scrypt (power of 2)</source>
        <translation>难度 1 份额的哈希数，Scrypt（2 的幂）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="621"/>
        <source>Firmware target below this is a tuned profile (share of rating)</source>
        <translation>固件目标低于此值视为调优档位（占标称比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="624"/>
        <source>Firmware target above this is a tuned profile (share of rating)</source>
        <translation>固件目标高于此值视为调优档位（占标称比例）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="752"/>
        <source> on %n miners</source>
        <translation>
            <numerusform>，涉及 %n 台矿机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="753"/>
        <source>Set pools on %n miners</source>
        <translation>
            <numerusform>为 %n 台矿机设置矿池</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="754"/>
        <source>%n miners</source>
        <translation>
            <numerusform>%n 台矿机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="755"/>
        <source>&lt;b&gt;{action}&lt;/b&gt; on %n miners. Checking what each one can do…</source>
        <translation>
            <numerusform>对 %n 台矿机执行&lt;b&gt;{action}&lt;/b&gt;。正在检查每台能否执行…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="758"/>
        <source>&lt;b&gt;{action}&lt;/b&gt; will be sent to %n miners</source>
        <translation>
            <numerusform>&lt;b&gt;{action}&lt;/b&gt;将发送给 %n 台矿机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="759"/>
        <source>%n cannot (see why below) and will be skipped.</source>
        <translation>
            <numerusform>%n 台不能执行（原因见下方），将被跳过。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="762"/>
        <source>and %n more</source>
        <translation>
            <numerusform>等另外 %n 台</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="763"/>
        <source>Opened the first %n web pages</source>
        <translation>
            <numerusform>已打开前 %n 个网页</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="764"/>
        <source>Remove %n miners from the list?</source>
        <translation>
            <numerusform>从列表中移除 %n 台矿机？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="765"/>
        <source>%n polls</source>
        <translation>
            <numerusform>%n 次轮询</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="766"/>
        <source>%n faults raised</source>
        <translation>
            <numerusform>出现 %n 个故障</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="767"/>
        <source>%n cleared</source>
        <translation>
            <numerusform>消除 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="768"/>
        <source>%n escalated</source>
        <translation>
            <numerusform>升级 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="769"/>
        <source>%n reboot loops</source>
        <translation>
            <numerusform>%n 次反复重启</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="770"/>
        <source>%n acknowledged</source>
        <translation>
            <numerusform>确认 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="771"/>
        <source>%n open faults</source>
        <translation>
            <numerusform>%n 个未消除故障</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="772"/>
        <source>%n grouped under incidents</source>
        <translation>
            <numerusform>%n 个归入事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="773"/>
        <source>%n events</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="774"/>
        <source>Added %n miners</source>
        <translation>
            <numerusform>已添加 %n 台矿机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="775"/>
        <source>Saved password confirmed for %n miners; polling them again</source>
        <translation>
            <numerusform>已为 %n 台矿机确认保存的密码；正在重新轮询</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="778"/>
        <source>Removed %n miners</source>
        <translation>
            <numerusform>已移除 %n 台矿机</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="779"/>
        <source>%n new critical alerts</source>
        <translation>
            <numerusform>%n 条新的严重告警</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="780"/>
        <source>Send the saved password to the device now answering at %n addresses? Do this only if you replaced or reflashed these miners yourself.</source>
        <translation>
            <numerusform>把保存的密码发给现在在 %n 个地址上响应的设备？只有这些矿机是你自己更换或重刷的才这样做。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="786"/>
        <source>Password for {user} on %n miners:</source>
        <translation>
            <numerusform>%n 台矿机上 {user} 的密码：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="787"/>
        <source>Password for %n miners kept in {where}; polling them again</source>
        <translation>
            <numerusform>%n 台矿机的密码已保存在{where}；正在重新轮询</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="790"/>
        <source>Exporting %n miners to {path}…</source>
        <translation>
            <numerusform>正在把 %n 台矿机导出到 {path}…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="791"/>
        <source>Exported %n miners to {path}</source>
        <translation>
            <numerusform>已把 %n 台矿机导出到 {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="792"/>
        <source>Scanning %n addresses…</source>
        <translation>
            <numerusform>正在扫描 %n 个地址…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="793"/>
        <source>Added %n miners to the fleet.</source>
        <translation>
            <numerusform>已把 %n 台矿机添加到列表。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="794"/>
        <source>%n values changed from the defaults</source>
        <translation>
            <numerusform>%n 个值与默认值不同</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="795"/>
        <source>%n actions</source>
        <translation>
            <numerusform>%n 个操作</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="796"/>
        <source>%n new faults</source>
        <translation>
            <numerusform>%n 个新故障</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="797"/>
        <source>%n notes</source>
        <translation>
            <numerusform>%n 条备注</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="798"/>
        <source>%n acknowledged or snoozed</source>
        <translation>
            <numerusform>%n 个已确认或暂停提醒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="572"/>
        <source>{days} d {hours} h</source>
        <translation>{days} 天 {hours} 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="573"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="574"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="575"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="576"/>
        <source>{label} ({name})</source>
        <translation>{label}（{name}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="577"/>
        <source>Bad polls before it is raised</source>
        <translation>连续几次异常才报</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="578"/>
        <source>Good polls before it clears</source>
        <translation>连续几次正常才消除</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="579"/>
        <source>Time before it is raised (s)</source>
        <translation>持续多久才报（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="580"/>
        <source>Time before it clears (s)</source>
        <translation>持续多久才消除（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="581"/>
        <source>Quiet time after a start or restart (s)</source>
        <translation>启动或重启后的静默期（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="582"/>
        <source>Becomes critical after (s)</source>
        <translation>多久后升为严重（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="583"/>
        <source>Window judged (s)</source>
        <translation>判断窗口（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="584"/>
        <source>Warning at (°C)</source>
        <translation>警告温度（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="585"/>
        <source>Critical at (°C)</source>
        <translation>严重温度（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="586"/>
        <source>Clears this far below (°C)</source>
        <translation>降到多少以下消除（低于阈值 °C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="587"/>
        <source>Warning at, liquid cooling (°C)</source>
        <translation>警告温度，水冷（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="588"/>
        <source>Critical at, liquid cooling (°C)</source>
        <translation>严重温度，水冷（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="589"/>
        <source>Warning at (share of rating)</source>
        <translation>警告阈值（占额定比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="590"/>
        <source>Critical at (share of rating)</source>
        <translation>严重阈值（占额定比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="591"/>
        <source>Clears at (share of rating)</source>
        <translation>消除阈值（占额定比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="592"/>
        <source>Warning at (%)</source>
        <translation>警告阈值（%）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="593"/>
        <source>Critical at (%)</source>
        <translation>严重阈值（%）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="594"/>
        <source>Clears at (%)</source>
        <translation>消除阈值（%）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="595"/>
        <source>Too high above (share of rating)</source>
        <translation>高于多少算过高（占额定比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="596"/>
        <source>Too low below (share of rating)</source>
        <translation>低于多少算过低（占额定比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="597"/>
        <source>Clears below, high side (share of rating)</source>
        <translation>过高时降到多少以下消除（占额定比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="598"/>
        <source>Clears above, low side (share of rating)</source>
        <translation>过低时升到多少以上消除（占额定比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="599"/>
        <source>Judged only while hashing at least (share of rating)</source>
        <translation>算力至少达到多少才判断（占额定比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="600"/>
        <source>Confidence (z score)</source>
        <translation>置信度（z 值）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="601"/>
        <source>Polls at the critical level before critical</source>
        <translation>连续几次达到严重阈值才升级</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="602"/>
        <source>Zero readings in a row that mean stopped</source>
        <translation>连续几次为 0 算停转</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="603"/>
        <source>Difference from the other fans (share)</source>
        <translation>与其他风扇相差（比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="604"/>
        <source>Drop that warns (share)</source>
        <translation>下降多少报警（比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="605"/>
        <source>Drop-outs that warn</source>
        <translation>掉线几次报警</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="606"/>
        <source>Restarts counted over (s)</source>
        <translation>统计重启的时长（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="607"/>
        <source>Restarts that make a loop</source>
        <translation>重启几次算循环</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="608"/>
        <source>Spread factor against peers (× MAD)</source>
        <translation>与同型号相比的离散倍数（× MAD）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="609"/>
        <source>Hotter than peers by at least (°C)</source>
        <translation>比同型号至少高（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="610"/>
        <source>Slower than peers by at least (share of rating)</source>
        <translation>比同型号至少低（占额定比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="611"/>
        <source>Highest believable reading (°C)</source>
        <translation>可信读数上限（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="612"/>
        <source>Lowest believable reading (°C)</source>
        <translation>可信读数下限（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="613"/>
        <source>Highest believable speed (rpm)</source>
        <translation>可信转速上限（转/分）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="614"/>
        <source>No share for longer than (s)</source>
        <translation>超过多久没有份额（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="615"/>
        <source>Fewest hardware errors to judge</source>
        <translation>至少多少个硬件错误才判断</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="616"/>
        <source>Fewest lost chips that warn</source>
        <translation>至少少几颗芯片才报警</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="617"/>
        <source>Fewest peers of the same model</source>
        <translation>同型号矿机至少几台</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="618"/>
        <source>Fewest rejects to judge</source>
        <translation>至少多少个拒绝才判断</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="627"/>
        <source>Fans compared only above (rpm)</source>
        <translation>转速高于多少才比较（转/分）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="628"/>
        <source>Fewest shares to judge</source>
        <translation>至少多少个份额才判断</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="629"/>
        <source>Shortest span judged (s)</source>
        <translation>最短判断时长（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="630"/>
        <source>Fewest separate drop-outs that warn</source>
        <translation>至少几次独立掉零才报警</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="631"/>
        <source>Shortest window judged (s)</source>
        <translation>最短判断窗口（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="632"/>
        <source>Fewest zero readings that warn</source>
        <translation>至少几次读数为 0 才报警</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="633"/>
        <source>Near the limit within (°C)</source>
        <translation>距上限多少以内算接近（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="634"/>
        <source>Smaller rise that warns near the limit (°C)</source>
        <translation>接近上限时报警的较小升幅（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="635"/>
        <source>Throttled below (share of the usual frequency)</source>
        <translation>低于多少算降频（占平时频率比例）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="636"/>
        <source>Recent average over (s)</source>
        <translation>近期平均时长（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="637"/>
        <source>Rise that warns (°C)</source>
        <translation>升高多少报警（°C）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="638"/>
        <source>Rise that warns (percentage points)</source>
        <translation>升高多少报警（百分点）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="639"/>
        <source>Uptime slack when spotting a restart (s)</source>
        <translation>判断重启时运行时间的容差（秒）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="640"/>
        <source>ddd d MMM HH:mm</source>
        <translation>M月d日 ddd HH:mm</translation>
    </message>
</context>
</TS>
