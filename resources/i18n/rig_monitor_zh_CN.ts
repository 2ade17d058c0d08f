<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="17" />
        <source>Scan my network…</source>
        <translation>扫描我的网络…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="18" />
        <source>Add miners: 10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029</source>
        <translation>添加矿机：10.0.0.5, 10.0.0.0/24, 10.0.0.5-80, 127.1.0.1:4029</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="21" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="22" />
        <source>Remove selected</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="23" />
        <source>Poll now</source>
        <translation>立即轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="24" />
        <source>Poll</source>
        <translation>轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="25" />
        <source>every </source>
        <translation>每 </translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="26" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="27" />
        <source>Fault settings…</source>
        <translation>故障设置…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="28" />
        <source>Fleet</source>
        <translation>矿机列表</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="29" />
        <source>Faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="30" />
        <source>Racks</source>
        <translation>机架</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="31" />
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="33" />
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="34" />
        <source>offline</source>
        <translation>掉线</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="35" />
        <source>with faults</source>
        <translation>有故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="36" />
        <source>degraded</source>
        <translation>性能下降</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="37" />
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="38" />
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="39" />
        <source>of {nominal} nominal ({share})</source>
        <translation>/ 额定 {nominal}（{share}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="40" />
        <source>({reporting} of {online} reporting)</source>
        <translation>（{online} 台中 {reporting} 台上报）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="41" />
        <source>kW (no miner reports power)</source>
        <translation>kW（没有矿机上报功耗）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="42" />
        <source>Last sweep {time} in {seconds} s</source>
        <translation>上次轮询 {time}，用时 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="43" />
        <source>No sweep finished yet</source>
        <translation>尚未完成轮询</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="44" />
        <source>{total} miners</source>
        <translation>{total} 台矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="45" />
        <source>Showing {shown} of {total}</source>
        <translation>显示 {shown} / {total} 台</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="46" />
        <source>Faults ({count})</source>
        <translation>故障（{count}）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="47" />
        <source>Engine not started</source>
        <translation>轮询引擎未启动</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="48" />
        <source>Polling {count} miners…</source>
        <translation>正在轮询 {count} 台矿机…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="49" />
        <source>Sweep {sweep}: {polled} miners in {seconds} s</source>
        <translation>第 {sweep} 轮：{polled} 台矿机，用时 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="50" />
        <source> ({count} offline, backing off)</source>
        <translation>（{count} 台掉线，降低轮询频率）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="51" />
        <source>Sweep {sweep} running: {polled} of {total} polled</source>
        <translation>第 {sweep} 轮进行中：已轮询 {polled} / {total}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="52" />
        <source>{title} on {where}</source>
        <translation>{where}：{title}</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="54" />
        <source>Filter (Ctrl+F): 10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  site:north  or any text</source>
        <translation>筛选 (Ctrl+F)：10.1.2.0/26  10.1.2.5-80  model:S19  fault:fan  status:offline  site:north  或任意文字</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="59" />
        <source>Offline</source>
        <translation>掉线</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="60" />
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="61" />
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="62" />
        <source>Degraded</source>
        <translation>性能下降</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="63" />
        <source>Problems only</source>
        <translation>只看有问题的</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="64" />
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="65" />
        <source>Save current view…</source>
        <translation>保存当前视图…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="66" />
        <source>Delete view</source>
        <translation>删除视图</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="67" />
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="68" />
        <source>Group by site</source>
        <translation>按场地分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="69" />
        <source>Group by /24 block</source>
        <translation>按 /24 网段分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="70" />
        <source>Group by model</source>
        <translation>按型号分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="71" />
        <source>Group by firmware</source>
        <translation>按固件分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="72" />
        <source>Group by pool</source>
        <translation>按矿池分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="73" />
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="74" />
        <source>Miners</source>
        <translation>矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="75" />
        <source>With faults</source>
        <translation>有故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="77" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="78" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="79" />
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="80" />
        <source>Hashrate</source>
        <translation>算力</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="81" />
        <source>% nominal</source>
        <translation>额定 %</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="82" />
        <source>Chip max</source>
        <translation>芯片最高</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="83" />
        <source>Board max</source>
        <translation>算力板最高</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="84" />
        <source>Fans</source>
        <translation>风扇</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="85" />
        <source>Power</source>
        <translation>功耗</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="86" />
        <source>J/TH</source>
        <translation>J/TH</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="87" />
        <source>Pool</source>
        <translation>矿池</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="88" />
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="89" />
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="90" />
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="91" />
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="92" />
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="93" />
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="95" />
        <source>&lt;h2&gt;No miners yet&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;还没有矿机&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="96" />
        <source>Scan this computer's networks to find your miners, or type their addresses in the box above: &lt;tt&gt;10.0.0.5&lt;/tt&gt;, &lt;tt&gt;10.0.0.0/24&lt;/tt&gt;, &lt;tt&gt;10.0.0.5-80&lt;/tt&gt;, &lt;tt&gt;10.0.0.5:4029&lt;/tt&gt;.&lt;br&gt;To try Rig Monitor without miners, open the demo: a simulated fleet on this computer.</source>
        <translation>扫描本机所在的网络来查找矿机，或在上面的输入框中输入地址：&lt;tt&gt;10.0.0.5&lt;/tt&gt;、&lt;tt&gt;10.0.0.0/24&lt;/tt&gt;、&lt;tt&gt;10.0.0.5-80&lt;/tt&gt;、&lt;tt&gt;10.0.0.5:4029&lt;/tt&gt;。&lt;br&gt;没有矿机也可以试用：打开演示，在本机上运行一组模拟矿机。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="103" />
        <source>Open the demo</source>
        <translation>打开演示</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="105" />
        <source>Select a miner to see its details</source>
        <translation>选择一台矿机查看详情</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="106" />
        <source>Identity</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="107" />
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="108" />
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="109" />
        <source>Make / model:</source>
        <translation>品牌 / 型号：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="110" />
        <source>Firmware:</source>
        <translation>固件：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="111" />
        <source>MAC:</source>
        <translation>MAC：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="112" />
        <source>Hostname:</source>
        <translation>主机名：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="113" />
        <source>Serial:</source>
        <translation>序列号：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="114" />
        <source>Hashrate:</source>
        <translation>算力：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="115" />
        <source>Power:</source>
        <translation>功耗：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="116" />
        <source>Uptime:</source>
        <translation>运行时间：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="117" />
        <source>Last poll:</source>
        <translation>上次轮询：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="118" />
        <source>Hashboards</source>
        <translation>算力板</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="119" />
        <source>Pools</source>
        <translation>矿池</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="120" />
        <source>Faults and what to try</source>
        <translation>故障与处理建议</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="121" />
        <source>Chips</source>
        <translation>芯片</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="122" />
        <source>Board °C</source>
        <translation>算力板 °C</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="123" />
        <source>Chip °C</source>
        <translation>芯片 °C</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="124" />
        <source>Chip status</source>
        <translation>芯片状态</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="125" />
        <source>Worker</source>
        <translation>矿工名</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="126" />
        <source>Accepted</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="127" />
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="129" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="130" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="131" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="132" />
        <source>Export table as CSV…</source>
        <translation>导出表格为 CSV…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="133" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="134" />
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="135" />
        <source>Details pane</source>
        <translation>详情面板</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="136" />
        <source>Compact mode</source>
        <translation>紧凑模式</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="137" />
        <source>Fit columns to contents</source>
        <translation>按内容调整列宽</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="138" />
        <source>Reset columns</source>
        <translation>重置列</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="139" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="140" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="141" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="142" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="143" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="144" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="145" />
        <source>About Rig Monitor</source>
        <translation>关于 Rig Monitor</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="147" />
        <source>Filter faults by address, model, fault or evidence</source>
        <translation>按地址、型号、故障或证据筛选故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="148" />
        <source>All severities</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="149" />
        <source>Warning and worse</source>
        <translation>警告及以上</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="150" />
        <source>Critical only</source>
        <translation>只看严重</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="151" />
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="152" />
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="153" />
        <source>Snoozed</source>
        <translation>已暂停提醒</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="154" />
        <source>Grouped under incidents</source>
        <translation>归入事件的故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="155" />
        <source>&lt;b&gt;Recent&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="156" />
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="157" />
        <source>Last 8 hours</source>
        <translation>最近 8 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="158" />
        <source>Last 12 hours</source>
        <translation>最近 12 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="159" />
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="160" />
        <source>Since the app started</source>
        <translation>自程序启动以来</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="161" />
        <source>Raised and cleared only</source>
        <translation>只看出现和消除</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="162" />
        <source>&lt;b&gt;Incidents&lt;/b&gt;: none</source>
        <translation>&lt;b&gt;事件&lt;/b&gt;：无</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="163" />
        <source>Select an incident to see its cause and what to check first.</source>
        <translation>选择一个事件，查看原因和首先要检查的地方。</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="164" />
        <source>&lt;b&gt;Miners&lt;/b&gt; (double-click: show in the fleet table)</source>
        <translation>&lt;b&gt;矿机&lt;/b&gt;（双击：在矿机列表中显示）</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="165" />
        <source>Miner</source>
        <translation>矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="166" />
        <source>{count} miners</source>
        <translation>{count} 台矿机</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="167" />
        <source>since</source>
        <translation>始于</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="168" />
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="169" />
        <source>How to confirm:</source>
        <translation>如何确认：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="170" />
        <source>Likely causes</source>
        <translation>可能原因</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="171" />
        <source>What to check first</source>
        <translation>首先检查</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="172" />
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="173" />
        <source>Colour by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="174" />
        <source>Chip temperature</source>
        <translation>芯片温度</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="175" />
        <source>% of rating</source>
        <translation>额定算力 %</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="176" />
        <source>Status and faults</source>
        <translation>状态与故障</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="177" />
        <source>Define racks</source>
        <translation>定义机架</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="178" />
        <source>From addresses (one rack per /24)…</source>
        <translation>按地址（每个 /24 一个机架）…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="179" />
        <source>From worker or host names…</source>
        <translation>按矿工名或主机名…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="180" />
        <source>Import CSV (rack,row,col,address)…</source>
        <translation>导入 CSV（rack,row,col,address）…</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="181" />
        <source>blue ≤ 60 °C · green 75 °C · amber 85 °C · red ≥ 95 °C · grey: offline · hatched: no reading</source>
        <translation>蓝 ≤ 60 °C · 绿 75 °C · 橙 85 °C · 红 ≥ 95 °C · 灰：掉线 · 斜线：无读数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="186" />
        <source>green ≥ 95 % · amber 90 % · red ≤ 70 % · grey: offline · hatched: no reading</source>
        <translation>绿 ≥ 95 % · 橙 90 % · 红 ≤ 70 % · 灰：掉线 · 斜线：无读数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="189" />
        <source>the table's status colours · grey: offline · hatched: no reading</source>
        <translation>与表格相同的状态颜色 · 灰：掉线 · 斜线：无读数</translation>
    </message>
    <message>
        <location filename="../../rig_monitor/gui/i18n_strings.py" line="192" />
        <source>No racks yet. Use &lt;b&gt;Define racks&lt;/b&gt;: one rack per /24 block, from worker or host names like &lt;tt&gt;A03-R2-S07&lt;/tt&gt;, or import a CSV with &lt;tt&gt;rack,row,col,address&lt;/tt&gt;.</source>
        <translation>还没有机架。使用&lt;b&gt;定义机架&lt;/b&gt;：每个 /24 网段一个机架，按 &lt;tt&gt;A03-R2-S07&lt;/tt&gt; 这样的矿工名或主机名，或导入包含 &lt;tt&gt;rack,row,col,address&lt;/tt&gt; 的 CSV。</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Blink locate LED</source>
        <translation>闪烁定位灯</translation>
    </message>
    <message>
        <source>Stop locate LED</source>
        <translation>关闭定位灯</translation>
    </message>
    <message>
        <source>Restart mining</source>
        <translation>重启挖矿程序</translation>
    </message>
    <message>
        <source>Reboot</source>
        <translation>重启矿机</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>休眠</translation>
    </message>
    <message>
        <source>Wake</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <source>Set pools…</source>
        <translation>设置矿池…</translation>
    </message>
    <message>
        <source>Open web UI in the browser</source>
        <translation>在浏览器中打开管理页面</translation>
    </message>
    <message>
        <source>Open web UI</source>
        <translation>打开管理页面</translation>
    </message>
    <message>
        <source>Fleet history</source>
        <translation>机群历史</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
</context>
</TS>