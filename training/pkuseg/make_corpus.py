"""Write ``corpus/templated.txt``: pre-segmented results-coverage sentences from the project's own templates.

Every sentence is built from tokens that already follow the segmentation standard
(see ``train.py``), so the corpus is segmented by construction. The word lists and
templates below were written for claimkit; nothing is copied from any article.
The hand-written sentences live in ``corpus/handwritten.txt`` and are not touched here.

    python training/pkuseg/make_corpus.py            # writes corpus/templated.txt (deterministic)
    python training/pkuseg/make_corpus.py --check    # also lists words segmented two ways
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
N_SENTENCES = 5600
SEED = 20250516


def _words(text: str) -> list[str]:
    """A word list written one space apart."""
    return text.split()


# ---------------------------------------------------------------- lexicon (one token per entry unless spaced)

COMPANIES = _words(
    """
腾讯 腾讯控股 阿里巴巴 阿里 百度 京东 美团 拼多多 字节跳动 小米 网易 快手 哔哩哔哩 B站 比亚迪 宁德时代
贵州茅台 五粮液 招商银行 招行 中国平安 蔚来 小鹏 理想 零跑 华为 联想 中芯国际 泡泡玛特 瑞幸 星巴克 安踏
李宁 美的 海尔智家 格力 苹果 英伟达 特斯拉 微软 谷歌 亚马逊 Meta 台积电 长城汽车 吉利 长安汽车 海底捞
农夫山泉 携程 贝壳 爱奇艺 腾讯音乐 老铺黄金 蜜雪冰城 名创优品 东方甄选 顺丰 中通 药明康德 恒瑞医药
迈瑞医疗 隆基绿能 通威股份 阳光电源 紫金矿业 中国移动 中国电信 工商银行 建设银行 中国人寿 平安银行
宁波银行 海天味业 伊利 蒙牛 青岛啤酒 华润啤酒 安克创新 传音控股 立讯精密 寒武纪 海光信息 北方华创
科大讯飞 金山办公 商汤 地平线 小马智行 极氪 赛力斯 SHEIN 三星 高通 AMD 英特尔 博通 奈飞 迪士尼 耐克
阿迪达斯 优衣库 汇丰 友邦保险 港交所 中海油 中国石油 洛阳钼业 赣锋锂业 天齐锂业 亿纬锂能 国轩高科
汇川技术 三一重工 徐工机械 潍柴动力 长江电力 万华化学 牧原股份 温氏股份 东方财富 中信证券 同花顺
分众传媒 芒果超媒 三七互娱 完美世界 米哈游 莉莉丝 叠纸 心动公司 掌阅 阅文集团 猫眼娱乐 百胜中国 九毛九
奈雪的茶 古茗 茶百道 霸王茶姬 沪上阿姨 锅圈 周大福 周生生 老凤祥 中国中免 华住 锦江 亚朵 同程旅行
途牛 去哪儿 滴滴 货拉拉 满帮 哈啰 小红书 知乎 微博 陌陌 斗鱼 虎牙 唯品会 得物 叮咚买菜 多点 有赞 微盟
金蝶 用友 明源云 万科 保利发展 碧桂园 龙湖 华润置地 中国建筑 中国中铁 中国交建 海螺水泥 宝钢股份
"""
)

PRODUCTS = _words(
    """
阿里云 淘天 淘宝 天猫 通义 千问 通义千问 夸克 钉钉 菜鸟 饿了么 高德 优酷 微信 元宝 混元 QQ 腾讯云 微信支付
视频号 王者荣耀 和平精英 抖音 TikTok 今日头条 豆包 火山引擎 美团外卖 美团闪购 京东物流 京东健康
iPhone Mac iPad AirPods 小米SU7 YU7 问界M9 问界M8 乐道L90 ES6 G6 MONA 萝卜快跑 文心一言 百度智能云
Blackwell Hopper H20 Temu 多多买菜 拼多多主站 快手电商 B站游戏 网易云音乐 梦幻西游 蛋仔派对 LABUBU
MOLLY 茅台1935 飞天茅台 普五 理想L6 理想i8 极越 鸿蒙 昇腾 麒麟 Mate70 Pura80 小天才 Kindle Switch
"""
)

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞鑫宇浩然子轩思远晨阳立新志国建平海峰文博嘉怡雨欣佳琪梓涵一帆天佑俊杰振宇德明春生晓东亚楠宏伟永康安琪"
)
KNOWN_PEOPLE = _words(
    """
马化腾 刘炽平 吴泳铭 蔡崇信 徐宏 李彦宏 刘强东 许冉 王兴 陈少晖 雷军 卢伟冰 黄仁勋 库克 曾毓群 王传福 李斌
何小鹏 李想 丁世忠 陈磊 赵明 余承东 杨元庆 王宁 郭谨一 程一笑 方洪波 曾从钦 王小川 丁磊 陈睿 朱啸虎
"""
)

TITLES = _words(
    """
首席执行官 首席财务官 首席运营官 首席技术官 董事长 总裁 副总裁 创始人 联合创始人 董事会主席 董事局主席
总经理 副总经理 财务总监 执行董事 CEO CFO 总裁兼首席执行官 副董事长 首席战略官 首席经济学家 负责人
"""
)

SOURCES = _words(
    """
QuestMobile AppGrowing Canalys IDC Counterpoint 乘联会 中汽协 中国汽车工业协会 艾瑞咨询 易观 欧睿国际
弗若斯特沙利文 奥维云网 彭博 路透 LSEG Wind 同花顺iFinD 第一财经 财新 界面新闻 证券时报 华尔街日报 中信证券
中金公司 华泰证券 摩根士丹利 高盛 瑞银 花旗 国泰君安 招商证券 海通国际 天风证券 SNE Research TrendForce
Omdia Sensor Tower data.ai 灼识咨询 中国电子信息产业发展研究院 国家统计局 海关总署 中国人民银行 中汽数据
新浪财经 澎湃新闻 21世纪经济报道 经济观察报 晚点LatePost 36氪 钛媒体 雷锋网 中国证券报 上海证券报
"""
)

SOURCE_KINDS = ["数据", "报告", "统计", "研报", "测算", "调研 数据", "最新 数据", "发布 的 报告", "统计 数据"]

# metrics: each a pre-segmented noun phrase ("营业 收入"), lexicalized terms kept whole
MONEY_METRICS = """
营收|营业 收入|总 营收|收入|总 收入|净 收入|营业 总 收入|收入 总额|净利润|净利|归母 净利润|扣非 净利润|经调整 净利润
|经调整 纯利|经营 利润|经营 溢利|经营 收益|毛利|营业 利润|利润 总额|股东 应占 溢利|归属于 上市 公司 股东 的 净利润
|经营性 现金流|经营 现金流|自由 现金流|资本 开支|研发 投入|研发 费用|销售 费用|管理 费用|财务 费用|销售 及 营销 开支
|营销 费用|合同 负债|应收 账款|应收 票据|存货|总 资产|净资产|现金 储备|货币 资金|净 现金|经营 亏损|净 亏损|亏损
|经调整 亏损|成交额|GMV|营业额|销售额|保费 收入|净 利息 收入|手续费 及 佣金 收入|投资 收益|新 业务 价值
|广告 收入|会员 收入|游戏 收入|云 收入|佣金 收入|利息 支出|回购 金额|分红 总额|市值|总 市值|股价|估值
|营业 成本|销售 成本|原材料 成本|运营 支出|运营 开支|年度 分红|现金 分红|派息 总额|融资 额|授信 额度
|交易额|客单价|单价|均价|售价|平均 售价|价格|市场 规模|余额|贷款 余额|存款 余额|保费|目标 价|营运 利润
|归母 营运 利润|税前 利润|减值 损失|公允 价值 变动 损益|单车 均价|单车 收入|ARPU|每 用户 平均 收入|单 会员 收入
|配送 费用|履约 费用|折旧 及 摊销|利息 收入|理财 收入|订阅 收入|授权 收入|服务 收入|硬件 收入|软件 收入
""".replace("\n", "").split("|")

RATE_METRICS = """
毛利率|净利率|营业 利润率|经营 利润率|净资产 收益率|ROE|市占率|市场 份额|渗透率|产能 利用率|资产 负债率|不良 贷款率
|拨备 覆盖率|净 息差|综合 成本率|偿付 能力 充足率|费用率|研发 费用率|销售 费用率|派息率|分红 比例|增速|留存率
|转化率|复购率|使用率|开工率|良率|综合 毛利率|整体 毛利率|车辆 毛利率|硬件 毛利率|实际 税率|有效 税率
|赔付率|收益率|投资 收益率|出租率|入住率|翻台率|周转率|股息率|市盈率|市净率|付费率|核心 一级 资本 充足率
|利润率|亏损率|经营 亏损率|净 利息 收益率|增幅|降幅|涨幅|跌幅|占比|比重|收入 占比|营收 占比
""".replace("\n", "").split("|")

COUNT_METRICS = """
交付量|销量|出货量|下载量|装机量|激活量|订单量|锁单量|月活 用户|月 活跃 用户|日活 用户|日 活跃 用户|付费 用户
|订阅 会员数|会员数|用户数|用户 规模|门店数|门店 总数|员工|员工 总数|研发 人员|经销商|活跃 商家|交易 用户
|零售 客户|私人 银行 客户|开发者|生态 伙伴|下载 用户数|注册 用户|新增 用户|装车量|产量|产能|订单|出货|MAU|DAU
|即时 配送 订单数|订单 峰值|门店|工厂|研发 中心|生产 基地|专利|客户|合作 伙伴|充电桩|换电站|座舱|晶圆 出货量
|交易量|包裹量|调用量|发货量|出口量|投放量|交易 笔数|活跃 买家数|活跃 商家数|设备数|账户数|订单数|客户数
|员工 人数|门店 数量|模型 数量|翻台 次数|日均 使用 时长|观看 人次|预订量|入住 间夜|出行 订单|活跃 设备数
""".replace("\n", "").split("|")

METRIC_PREFIXES = """
单季|全年|季度|月均|日均|平均|累计|合计|单月|同店|国内|海外|全球|中国 市场|国际 市场|线上|线下|整体|集团
|核心 业务|主营 业务|新 业务|本地 商业|云 业务|广告 业务|游戏 业务|电商 业务|汽车 业务|手机 业务|数据 中心 业务
|金融科技 及 企业 服务|增值 服务|在线 广告|会员 服务|内容 发行|智能 手机|IoT 与 生活 消费 产品|互联网 服务
|智能 电动 汽车|动力 电池|储能 电池|储能|白酒|系列酒|酱香酒|零售|批发|企业 业务|运营商 业务|终端 业务
|消费 电子|工业 与 汽车|个人 电脑|平板|可穿戴|家电|空调|冰箱|洗衣机|智能 家居|ToB 业务|ToC 业务|国际 业务
|港澳台 业务|大中华区|美洲|欧洲|亚太|东南亚|中东|拉美|一线 城市|下沉 市场|加盟|直营|自营|联营
""".replace("\n", "").split("|")

PERIODS = """
2025年 第一季度|2025年 第二季度|2025年 第三季度|2025年 第四季度|2024年 第四季度|2024年 第三季度|2025年 上半年
|2025年 前三季度|2024年|2023年|2025年|2024年 全年|2025年 一季度|2025年 三季度|今年 一季度|今年 上半年|今年 前三季度
|去年 四季度|去年 全年|上半年|前三季度|第一季度|第二季度|第三季度|第四季度|一季度|二季度|三季度|四季度|本季度
|当季|上季度|报告期 内|期内|年内|全年|今年|去年|2025财年|2026财年|2025财年 第二财季|第一财季|第三财季|3Q25|2Q25
|1Q25|4Q24|2025Q1|2025Q2|2025Q3|10月|9月|3月|4月份|11月份|1-9月|1-6月|前10个月|今年 前8个月|截至 9月末
|截至 6月底|截至 2025年 6月30日|截至 报告期末|截至 上年末|第3季|第2季|上季|当月|同月|去年 同期|上年 同期|同期
""".replace("\n", "").split("|")

PERIOD_ENDS = """
截至 9月末|截至 6月底|截至 报告期末|截至 2025年 6月30日|截至 2024年 末|截至 10月底|截至 三季度末|截至 上半年末
|截至 目前|截至 发稿|截至 4月底|截至 3月31日
""".replace("\n", "").split("|")

UP = [
    "增长",
    "上升",
    "提升",
    "增加",
    "上涨",
    "回升",
    "大增",
    "激增",
    "攀升",
    "扩大",
    "走高",
    "增",
    "涨",
    "上扬",
    "跃升",
    "提高",
    "反弹",
]
DOWN = [
    "下降",
    "下滑",
    "减少",
    "下跌",
    "回落",
    "收窄",
    "降低",
    "下挫",
    "萎缩",
    "走低",
    "跌",
    "降",
    "缩减",
    "滑落",
    "承压",
    "下行",
]
BASIS = ["同比", "环比", "按年", "按季", "较 上年 同期", "较 去年 同期", "较 上季度", "较 年初", "较 上年末"]
QUALS = ["约", "近", "超", "逾", "超过", "接近", "将近", "不足", "不到", "大约", "高达", "仅", "约为"]
LINKS = [
    "为",
    "达",
    "达到",
    "录得",
    "实现",
    "是",
    "约为",
    "高达",
    "仅为",
    "突破",
    "超过",
    "升至",
    "降至",
    "来到",
    "报",
]
CURRENCIES = ["元", "元", "元", "元", "美元", "美元", "港元", "港元", "元 人民币", "欧元"]
COUNT_UNITS = [
    "辆",
    "台",
    "部",
    "家",
    "个",
    "人",
    "名",
    "户",
    "次",
    "笔",
    "单",
    "件",
    "片",
    "吨",
    "GWh",
    "套",
    "款",
    "位",
]
CAUSES = """
国补 政策 带动|海外 市场 快速 扩张|AI 需求 持续 旺盛|价格战 持续|原材料 价格 上涨|汇率 波动|一次性 会计 处理
|新品 集中 上市|去年 同期 基数 较 高|渠道 库存 调整|消费 需求 疲软|降本增效 成效 显现|新 车型 放量|广告 主 投放 回暖
|会员 价格 上调|云 业务 商业化 提速|电商 竞争 加剧|监管 政策 变化|用户 规模 扩大|产品 结构 优化|高端 产品 占比 提升
|芯片 出口 管制|大模型 投入 加大|门店 网络 扩张|季节性 因素|供应链 成本 下降|外卖 补贴 大战|碳酸锂 价格 下跌
|市场 竞争 加剧|宏观 经济 承压|房地产 市场 低迷|利率 下行|资本 市场 回暖|出口 增长 强劲|线上 流量 见顶
""".replace("\n", "").split("|")
COMMENTS = """
创 历史 新高|超出 市场 预期|好于 分析师 预期|低于 市场 预期|符合 市场 预期|增速 有所 放缓|增速 明显 加快
|连续 四 个 季度 实现 增长|首次 实现 单季 盈利|首次 实现 扭亏为盈|为 上市 以来 首次 下滑|创 上市 以来 最佳 表现
|延续 了 此前 的 增长 势头|环比 基本 持平|表现 明显 优于 行业|跑赢 大盘|增速 创 近 三 年 新低|亏损 进一步 收窄
""".replace("\n", "").split("|")
SAY = ["表示", "称", "指出", "介绍", "透露", "强调", "坦言", "认为", "预计", "提到", "说"]
VENUES = [
    "财报 电话会",
    "业绩 说明会",
    "电话 会议",
    "股东 大会",
    "业绩 发布会",
    "投资者 交流会",
    "媒体 沟通会",
    "财报 发布会",
]
RANK_SCOPES = """
全球 纯晶圆 代工 企业|国内 运动 鞋服 企业|新势力 交付 榜|中国 智能 手机 市场|全球 动力 电池 装车量 榜|白酒 板块
|应用 下载 榜|月活 榜|新能源 乘用车 厂商 零售 榜|全球 智能 手机 出货量 榜|国内 家电 企业|港股 科技 股|行业
""".replace("\n", "").split("|")
CONNECT = [
    "其中",
    "此外",
    "同时",
    "另外",
    "而",
    "但",
    "不过",
    "与此同时",
    "具体 来看",
    "分 业务 看",
    "分 产品 看",
    "分 地区 看",
]
ADVERBS = [
    "分别",
    "均",
    "也",
    "亦",
    "仍",
    "已",
    "还",
    "继续",
    "进一步",
    "大幅",
    "持续",
    "稳步",
    "首次",
    "再度",
    "一度",
]

CN_DIGITS = "零一二三四五六七八九"


def _name(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(KNOWN_PEOPLE)
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _fw(s: str) -> str:
    """Full-width digits and signs, as some Chinese pages write them."""
    return s.translate(str.maketrans("0123456789.%,+-", "０１２３４５６７８９．％，＋－"))


def _digits(rng: random.Random, lo: float, hi: float) -> str:
    """A plain decimal or integer in [lo, hi), sometimes with thousands commas."""
    v = rng.uniform(lo, hi)
    r = rng.random()
    if r < 0.45:
        s = f"{v:.{rng.choice((1, 2))}f}"
    elif r < 0.75 or v < 1000:
        s = str(max(1, round(v)))
    else:
        s = f"{round(v):,}"
    return s


def _num(rng: random.Random, scale: bool = True) -> str:
    """A number token: digits, decimal point, thousands commas and an optional scale word are one token."""
    if scale and rng.random() < 0.75:
        s = _digits(rng, 1, 9999) + rng.choice(["万", "亿", "亿", "亿", "万", "万亿"])
    else:
        s = _digits(rng, 1, 99999)
    if rng.random() < 0.04:
        s = _fw(s)
    return s


def _pct(rng: random.Random, signed: bool = False, level: bool = False) -> str:
    """A percentage token (``18%``, ``三成``, ``两位数``); ``level`` keeps it to a plausible ratio level."""
    r = rng.random()
    if r < 0.06:
        return rng.choice(["三成", "两成", "五成", "一成", "四成", "六成", "七成", "八成", "九成"])
    if r < 0.1 and not level:
        return rng.choice(["两位数", "三位数", "个位数", "一倍", "两倍", "1倍", "2.1倍", "3倍", "1.6倍"])
    hi = 80.0 if level else 60.0
    s = f"{rng.uniform(0.1, hi):.{rng.choice((0, 1, 1, 2))}f}%"
    if not level and rng.random() < 0.08:
        s = f"{rng.randint(100, 2000)}%"
    if signed:
        s = rng.choice("+-") + s
    if rng.random() < 0.05:
        s = _fw(s)
    return s


def _pp(rng: random.Random) -> list[str]:
    v = f"{rng.uniform(0.1, 9.9):.1f}"
    r = rng.random()
    if r < 0.7:
        return [v, "个", "百分点"]
    if r < 0.85:
        return [v + "pct"]
    return [f"{rng.randint(5, 400)}bps"]


def _money(rng: random.Random) -> list[str]:
    r = rng.random()
    n = _digits(rng, 1, 9999) + rng.choice(["亿", "亿", "亿", "万"]) if r < 0.8 else _digits(rng, 1, 999)
    if rng.random() < 0.04:
        n = _fw(n)
    return [n, *rng.choice(CURRENCIES).split()]


def _count(rng: random.Random) -> list[str]:
    n = (
        _digits(rng, 1, 9999) + rng.choice(["万", "万", "亿", ""])
        if rng.random() < 0.6
        else _digits(rng, 10, 999999)
    )
    if rng.random() < 0.04:
        n = _fw(n)
    return [n, rng.choice(COUNT_UNITS)] if rng.random() < 0.8 else [n]


def _metric(rng: random.Random, pool: list[str]) -> list[str]:
    m = rng.choice(pool).split()
    if rng.random() < 0.45:
        m = rng.choice(METRIC_PREFIXES).split() + m
    return m


def _company(rng: random.Random) -> list[str]:
    r = rng.random()
    if r < 0.7:
        return [rng.choice(COMPANIES)]
    if r < 0.85:
        return [rng.choice(PRODUCTS)]
    return [rng.choice(COMPANIES), rng.choice(["集团", "公司"])]


def _subject(rng: random.Random) -> list[str]:
    r = rng.random()
    if r < 0.6:
        return _company(rng)
    if r < 0.8:
        return [rng.choice(["公司", "该 公司", "集团", "其", "本行", "本公司"])][0].split()
    return []


def _period(rng: random.Random) -> list[str]:
    return rng.choice(PERIODS).split()


def _change(rng: random.Random, metric_kind: str = "money") -> list[str]:
    up = rng.random() < 0.65
    verb = rng.choice(UP if up else DOWN)
    out: list[str] = []
    if rng.random() < 0.8:
        out += rng.choice(BASIS).split()
    if rng.random() < 0.12:
        out.append(rng.choice(["亦", "均", "也", "仍", "分别", "同样", "则", "还"]))
    out.append(verb)
    if rng.random() < 0.15:
        out.append("了")
    if rng.random() < 0.2:
        out.append(rng.choice(QUALS[:9]))
    if metric_kind == "rate" and rng.random() < 0.7:
        out += _pp(rng)
    else:
        out.append(_pct(rng))
    return out


def _level(rng: random.Random, kind: str) -> list[str]:
    if kind == "money":
        return _money(rng)
    if kind == "rate":
        return [_pct(rng, level=True)]
    return _count(rng)


def _pick_metric(rng: random.Random) -> tuple[list[str], str]:
    r = rng.random()
    if r < 0.5:
        return _metric(rng, MONEY_METRICS), "money"
    if r < 0.75:
        return _metric(rng, RATE_METRICS), "rate"
    return _metric(rng, COUNT_METRICS), "count"


# ---------------------------------------------------------------- clause templates


def t_result(rng: random.Random) -> list[str]:
    """公司 2025年 第一季度 营收 为 1,234亿 元 ， 同比 增长 18% 。"""
    m, kind = _pick_metric(rng)
    s = _subject(rng)
    p = _period(rng) if rng.random() < 0.8 else []
    order = rng.random()
    head = (s + p) if order < 0.6 else ([*p, "，", *s] if p else s)
    out = head + m
    if rng.random() < 0.6:
        out.append(rng.choice(LINKS))
    if rng.random() < 0.25:
        out.append(rng.choice(QUALS))
    out += _level(rng, kind)
    for _ in range(rng.choice((0, 1, 1, 2))):
        out += ["，", *_change(rng, kind)]
        if rng.random() < 0.3:
            break
    if rng.random() < 0.25:
        out += ["，", *rng.choice(COMMENTS).split()]
    return out


def t_change_to(rng: random.Random) -> list[str]:
    """营收 同比 增长 12% 至 345亿 元"""
    m, kind = _pick_metric(rng)
    out = _subject(rng) + (_period(rng) if rng.random() < 0.6 else []) + m + _change(rng, kind)
    out += [rng.choice(["至", "到", "达"]), *_level(rng, kind)]
    if rng.random() < 0.3:
        out += ["，", *rng.choice(["主要 得益于", "主要 受", "主要 由于", "受益于", "得益于"]).split()]
        out += rng.choice(CAUSES).split()
        if out[-1] != "带动" and rng.random() < 0.5:
            out.append("影响" if "受" in out else "")
            out = [t for t in out if t]
    return out


def t_from_to(rng: random.Random) -> list[str]:
    """毛利率 由 去年 同期 的 20.1% 提升 至 22.3%"""
    m, kind = _pick_metric(rng)
    base = rng.choice(
        ["去年 同期", "上年 同期", "2023年", "上一季度", "年初", "上年末", "2024年 同期", "此前"]
    )
    verb = rng.choice(UP + DOWN)
    out = _subject(rng) + m + [rng.choice(["由", "从"])] + base.split() + ["的"] + _level(rng, kind)
    out += [verb, rng.choice(["至", "到"]), *_level(rng, kind)]
    if rng.random() < 0.3:
        out += ["，", *rng.choice(["增幅", "降幅", "涨幅", "跌幅"]).split(), rng.choice(["为", "达", "超过"])]
        out.append(_pct(rng))
    return out


def t_share(rng: random.Random) -> list[str]:
    """海外 收入 占 总 营收 的 比重 为 35%"""
    m = _metric(rng, MONEY_METRICS if rng.random() < 0.8 else COUNT_METRICS)
    whole = rng.choice(
        ["总 营收", "总 收入", "集团 收入", "营业 收入", "公司 总 营收", "整体 收入", "全年 收入"]
    )
    tail = rng.choice(["的 比重", "的 比例", "比重", "比例", "的 比重 已", "的 份额"])
    out = [*m, "占", *whole.split(), *tail.split()]
    out += [
        rng.choice(["为", "达", "达到", "提升 至", "降至", "升至", "接近", "超过"]),
        _pct(rng, level=True),
    ]
    if rng.random() < 0.4:
        out += ["，", *rng.choice(BASIS[:2]).split(), rng.choice(UP + DOWN), *_pp(rng)]
    return out


def t_rank(rng: random.Random) -> list[str]:
    """连续 八 年 位居 全球 动力 电池 装车量 榜 第一"""
    out = _subject(rng)
    if rng.random() < 0.4:
        out += [
            "连续",
            rng.choice(["三", "五", "八", "十", "两", "6", "21"]),
            rng.choice(["年", "个 季度", "个 月"]),
        ]
        out = " ".join(out).split()
    out += [rng.choice(["位居", "位列", "稳居", "排名", "排在", "跻身", "蝉联", "保持"])]
    out += rng.choice(RANK_SCOPES).split()
    if rng.random() < 0.5:
        out.append(rng.choice(["第一", "第二", "第三", "前三", "前五", "首位", "榜首", "前十"]))
    else:
        out += [f"第{rng.randint(1, 50)}", rng.choice(["位", "名", ""])]
    return [t for t in out if t]


def t_quote(rng: random.Random) -> list[str]:
    """首席执行官 张三 在 财报 电话会 上 表示 ， 公司 预计 ..."""
    who = [rng.choice(TITLES), _name(rng)] if rng.random() < 0.7 else [_name(rng)]
    if rng.random() < 0.5:
        who = _company(rng) + who
    out = who
    if rng.random() < 0.6:
        out += ["在", *rng.choice(VENUES).split(), "上"]
    out += [rng.choice(SAY)]
    inner = rng.choice([t_result, t_change_to, t_guidance, t_from_to])(rng)
    if rng.random() < 0.5:
        return [*out, "：", "“", *inner, "。", "”"]
    return [*out, "，", *inner]


def t_guidance(rng: random.Random) -> list[str]:
    """公司 预计 第四季度 营收 将 在 500亿 至 520亿 元 之间"""
    m, kind = _pick_metric(rng)
    subj = _subject(rng) or ["公司"]
    verb = rng.choice(["预计", "预期", "计划", "估计", "给出 的 指引 显示", "认为"]).split()
    out = subj + verb + _period(rng) + m
    r = rng.random()
    if r < 0.4:
        hi = _level(rng, kind)
        lo = re.sub(r"[\d.,]+", lambda m: f"{float(m.group().replace(',', '')) * 0.9:.1f}", hi[0], count=1)
        out += ["将", "在", lo, "至", *hi, "之间"]
    elif r < 0.7:
        out += [rng.choice(["将", "有望", "或", "预计 将"]).split()[0], *_change(rng, kind)]
    else:
        out += [rng.choice(["达到", "超过", "不 低于", "突破", "约为"]), *_level(rng, kind)]
    return out


def t_source(rng: random.Random) -> list[str]:
    """据 QuestMobile 数据 ， ..."""
    src = rng.choice(SOURCES)
    r = rng.random()
    if r < 0.35:
        head = ["据", src, *rng.choice(SOURCE_KINDS).split(), "，"]
    elif r < 0.65:
        head = [src, rng.choice(["数据", "报告", "统计", "研报"]), rng.choice(["显示", "表明", "指出"]), "，"]
    elif r < 0.85:
        head = ["根据", src, "发布", "的", rng.choice(["报告", "数据", "榜单", "统计"]), "，"]
    else:
        head = [src, rng.choice(["统计", "测算", "估计"]), "，"]
    body = rng.choice([t_result, t_change_to, t_rank, t_share])(rng)
    return head + body


def t_market(rng: random.Random) -> list[str]:
    """截至 收盘 ， 某 公司 股价 报 85.1 港元 ， 跌 3.2% ， 总 市值 约 5200亿 港元"""
    day = rng.choice(["10月31日", "8月25日", "3月27日", "27日", "今日", "当日", "周五", "1月29日", "昨日"])
    when = rng.choice(
        [
            ["截至", day, "收盘"],
            [day, "收盘"],
            [day, "早盘"],
            [day, "午间", "收市"],
            ["截至", "发稿"],
            ["盘中"],
        ]
    )
    co = _company(rng)
    mk = rng.choice(["", "港股", "美股", "A股", "美股 盘前", "美股 盘后"]).split()
    price = f"{rng.uniform(1, 999):.2f}"
    cur = rng.choice(["港元", "美元", "元"])
    move = rng.choice(["涨", "跌", "上涨", "下跌", "涨 超", "跌 超", "跌 逾", "高开", "低开", "收涨", "收跌"])
    out = [*when, "，", *co, *mk, "股价", rng.choice(["报", "收报", "报收", "一度"])]
    move_pct = f"{rng.uniform(0.2, 15):.{rng.choice((1, 2))}f}%"
    if out[-1] == "一度":
        out += [move, move_pct]
    else:
        out += [price, cur, "，", move, move_pct]
    if rng.random() < 0.5:
        out += ["，", rng.choice(["总 市值", "最新 市值", "市值"]).split()[0]]
        out = " ".join(out).split()
        out += [rng.choice(["约", "为", "报", "达"]), _digits(rng, 10, 9999) + "亿", cur]
    return out


def t_dividend(rng: random.Random) -> list[str]:
    """拟 向 全体 股东 每 10 股 派发 现金 红利 30 元 （ 含 税 ）"""
    co = _company(rng)
    r = rng.random()
    if r < 0.5:
        out = [
            *co,
            "拟",
            "向",
            "全体",
            "股东",
            *rng.choice([["每", "10", "股"], ["每", "１０", "股"], ["每股"]]),
        ]
        out += ["派发", "现金", rng.choice(["红利", "股利"]), f"{rng.uniform(0.1, 60):.2f}", "元"]
        if rng.random() < 0.5:
            out += ["（", "含", "税", "）"]
        if rng.random() < 0.5:
            out += ["，", "合计", "派现", "约", _num(rng), "元"]
    else:
        lo, hi = _num(rng), _num(rng)
        out = [
            *co,
            "公告",
            "称",
            "，",
            "拟",
            "以",
            "自有",
            "资金",
            lo,
            "至",
            hi,
            "元",
            "回购",
            "公司",
            "股份",
        ]
        if rng.random() < 0.6:
            out += ["，", "回购", "价格", "不", "超过", f"{rng.randint(10, 300)}", "元", "/", "股"]
    return out


def t_stock(rng: random.Random) -> list[str]:
    """截至 9月末 ， 公司 共有 门店 12,345 家 ， 较 上年末 净 增 1,234 家"""
    when = rng.choice(PERIOD_ENDS).split()
    co = _company(rng)
    noun = rng.choice(
        [
            "门店",
            "员工",
            "经销商",
            "专卖店",
            "自营 门店",
            "联营 门店",
            "零售 客户",
            "活跃 用户",
            "充电站",
            "研发 人员",
        ]
    )
    verb = rng.choice(["共有", "拥有", "门店 总数 达", "总数 为", "累计 拥有", "在 全球 拥有"])
    unit = rng.choice(["家", "名", "人", "个", "户", "座", "万 户"])
    out = [*when, "，", *co, *verb.split(), *noun.split(), _num(rng, scale=rng.random() < 0.3), *unit.split()]
    if rng.random() < 0.5:
        out += ["，", rng.choice(["较", "比"]), rng.choice(["上年末", "年初", "上季度末", "去年 同期"])]
        out = " ".join(out).split()
        out += [rng.choice(["净", ""]), rng.choice(["增加", "增", "减少", "新增"])]
        out = [t for t in out if t]
        out += [_num(rng, scale=False), unit.split()[-1]]
    return out


def t_list(rng: random.Random) -> list[str]:
    """分 业务 看 ， A 收入 X 元 ， 同比 增长 Y% ； B 收入 ..."""
    out = [
        *rng.choice(
            ["分 业务 看", "分 产品 看", "分 地区 看", "分 品牌 看", "分部 方面", "具体 来看"]
        ).split(),
        "，",
    ]
    parts = rng.sample(BUSINESSES, rng.choice((2, 3, 3, 4)))
    base = rng.choice(["收入", "营收", "营业 收入", "销售 收入", "毛利率", "销量"])
    for i, part in enumerate(parts):
        if i:
            out.append(rng.choice(["；", "，", "；"]))
        kind = "rate" if base == "毛利率" else ("count" if base == "销量" else "money")
        out += part.split() + base.split()
        if rng.random() < 0.4:
            out.append(rng.choice(["为", "达", "实现"]))
        out += _level(rng, kind)
        if rng.random() < 0.6:
            out += ["，", *_change(rng, kind)]
    return out


def t_headline(rng: random.Random) -> list[str]:
    """小米 三季度 营收 1131亿 同比 增 22% 汽车 业务 首次 盈利 (no final punctuation)"""
    co = _company(rng)
    out = co + _period(rng)
    m, kind = _pick_metric(rng)
    out += [*m, rng.choice(["", "超", "破", "达", "逾"]), _level(rng, kind)[0]]
    if rng.random() < 0.6:
        out += [
            rng.choice(["同比", "环比", ""]),
            rng.choice(["增", "降", "涨", "跌", "大增", "下滑"]),
            _pct(rng),
        ]
    if rng.random() < 0.5:
        m2, k2 = _pick_metric(rng)
        out += [
            rng.choice(["，", "！", " ", "|"]),
            *m2,
            rng.choice(["超", "破", "达", ""]),
            _level(rng, k2)[0],
        ]
    return [t for t in out if t.strip()]


def t_cause(rng: random.Random) -> list[str]:
    """受 价格战 持续 影响 ， 公司 净利润 同比 下滑 20%"""
    c = rng.choice(CAUSES).split()
    head = rng.choice(
        [["受", *c, "影响"], ["由于", *c], ["随着", *c], ["得益于", *c], ["在", *c, "的", "背景", "下"]]
    )
    return [*head, "，", *rng.choice([t_change_to, t_result])(rng)]


def t_connect(rng: random.Random) -> list[str]:
    """其中 ， ... / 此外 ， ..."""
    word = rng.choice(CONNECT)
    comma = [] if word in ("而", "但") else ["，"]
    return word.split() + comma + rng.choice([t_result, t_change_to, t_share])(rng)


def t_respectively(rng: random.Random) -> list[str]:
    """A 和 B 收入 分别 为 X 元 和 Y 元 ， 同比 增长 P% 和 Q%"""
    a, b = rng.sample(BUSINESSES, 2)
    base = rng.choice(["收入", "营收", "销量", "毛利率", "营业 收入"])
    kind = "rate" if base == "毛利率" else ("count" if base == "销量" else "money")
    out = [*a.split(), rng.choice(["和", "与", "及", "、"]), *b.split(), *base.split(), "分别"]
    out += [rng.choice(["为", "达", "实现", "录得"])]
    out += [*_level(rng, kind), "和", *_level(rng, kind)]
    if rng.random() < 0.6:
        ch = _change(rng, kind)
        out += ["，", *ch, "和", _pct(rng)]
    return out


MODIFIERS = set(
    _words("单季 全年 季度 月均 日均 平均 累计 合计 单月 同店 整体 集团 线上 线下 加盟 直营 自营 联营")
)
BUSINESSES = [p for p in METRIC_PREFIXES if p not in MODIFIERS]
ENUM_HEADS = ["业务", "板块", "品类", "产品", "领域", "市场", "渠道", "品牌"]


def t_enum(rng: random.Random) -> list[str]:
    """工业 自动化 、 楼宇 科技 等 ToB 业务 收入 ... / 包括 A 、 B 在内 的 其他 品牌 收入 ..."""
    items = [p.split() for p in rng.sample(BUSINESSES, rng.choice((2, 3)))]
    listed: list[str] = []
    for i, item in enumerate(items):
        if i:
            listed.append(rng.choice(["、", "、", "和", "与", "及"]) if i == len(items) - 1 else "、")
        listed += item
    head = rng.choice(ENUM_HEADS)
    m, kind = _pick_metric(rng)
    if rng.random() < 0.5:
        out = [*listed, "等", *rng.choice(["", "新", "核心", "ToB", "创新", "其他"]).split(), head, *m]
    else:
        out = ["包括", *listed, "在内", "的", *rng.choice(["其他", "全部", "所有", "新"]).split(), head, *m]
    out += [rng.choice(LINKS), *_level(rng, kind)]
    if rng.random() < 0.5:
        out += ["，", *_change(rng, kind)]
    return out


def t_aside(rng: random.Random) -> list[str]:
    """经调整 净利润 （ 非 国际财务报告准则 ） 为 32亿 元 / 平均 售价 (按 ... 计算) 为 ..."""
    m, kind = _pick_metric(rng)
    aside = rng.choice(
        [
            ["ARPU"],
            ["GMV"],
            ["AUM"],
            ["Non-IFRS"],
            ["Non-GAAP"],
            ["GAAP"],
            ["MAU"],
            ["DAU"],
            ["EBITDA"],
            ["ASP"],
            ["非", "国际财务报告准则"],
            ["不", "含", "税"],
            ["含", "港澳台"],
            ["按", "可比", "口径"],
            ["剔除", "汇率", "影响"],
            ["折合", "8英寸", "标准", "逻辑"],
            ["按", "销售", "收入", "除以", "出货量", "计算"],
            ["包括", "电商"],
        ]
    )
    return _subject(rng) + m + ["（"] + aside + ["）"] + [rng.choice(LINKS)] + _level(rng, kind)


TEMPLATES: list[tuple[Callable[[random.Random], list[str]], int]] = [
    (t_result, 26),
    (t_change_to, 12),
    (t_from_to, 6),
    (t_share, 6),
    (t_rank, 4),
    (t_quote, 10),
    (t_guidance, 6),
    (t_source, 9),
    (t_market, 5),
    (t_dividend, 3),
    (t_stock, 4),
    (t_list, 5),
    (t_headline, 4),
    (t_cause, 6),
    (t_connect, 7),
    (t_respectively, 4),
    (t_enum, 4),
    (t_aside, 4),
]


def sentence(rng: random.Random) -> str:
    fns, weights = zip(*TEMPLATES, strict=True)
    fn = rng.choices(fns, weights)[0]
    toks = fn(rng)
    if fn is not t_headline and rng.random() < 0.35:
        toks += ["，", *rng.choice([t_change_to, t_result, t_share, t_connect])(rng)[:]]
    if fn is not t_headline and toks[-1] not in ("。", "”"):
        toks.append(rng.choice(["。", "。", "。", "；", "！"]) if rng.random() < 0.97 else "。")
    toks = " ".join(t for t in toks if t.strip()).split()
    merged: list[str] = []
    for t in toks:  # 降至, 跌至: a one-syllable verb and 至 are one word
        if t == "至" and merged and merged[-1] in ("降", "跌", "增", "涨", "升"):
            merged[-1] += t
        else:
            merged.append(t)
    line = " ".join(merged)
    if rng.random() < 0.15:  # pages with full-width digits reach claimkit width-folded: ASCII punctuation
        line = line.translate(_FOLD)
    return line


_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def generate(n: int = N_SENTENCES, seed: int = SEED) -> list[str]:
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        s = sentence(rng)
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def inconsistencies(lines: list[str]) -> list[tuple[str, str, int]]:
    """Words that also occur split into several tokens somewhere else (``营业收入`` vs ``营业 收入``)."""
    vocab = Counter(w for line in lines for w in line.split())
    found: Counter[tuple[str, str]] = Counter()
    for line in lines:
        toks = line.split()
        for i in range(len(toks)):
            for j in range(i + 2, min(i + 5, len(toks)) + 1):
                joined = "".join(toks[i:j])
                if joined in vocab and not any(c.isdigit() for c in joined):
                    found[(joined, " ".join(toks[i:j]))] += 1
    return [(w, s, n) for (w, s), n in found.most_common()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="list words segmented two ways across the corpus")
    args = ap.parse_args()
    lines = generate()
    (CORPUS / "templated.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    chars = sum(len(line.replace(" ", "")) for line in lines)
    print(f"templated.txt: {len(lines)} sentences, {chars} characters")
    if args.check:
        hand = (CORPUS / "handwritten.txt").read_text(encoding="utf-8").splitlines()
        for w, s, n in inconsistencies(lines + [h for h in hand if h.strip()])[:80]:
            print(f"{n:5}  {w}  <->  {s}")


if __name__ == "__main__":
    main()
