// Turning a file's bytes into text: BOMs, UTF-8, UTF-16 without BOM, legacy Chinese/Japanese
// encodings, Windows-1252 as the last resort, binary detection, and mojibake repair.
import iconv from 'iconv-lite';
import { decodeCp1252 } from './cp1252';
import { repairMojibake } from './mojibake';

export type TextEncodingName =
  'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'shift_jis' | 'windows-1252' | 'binary' | 'unknown';

export interface DecodedText {
  /** Decoded text with newlines normalised to `\n` and any BOM removed ('' for binary files). */
  text: string;
  encoding: TextEncodingName;
  /** True when the bytes started with a byte-order mark. */
  bom: boolean;
  /** Number of mojibake sequences repaired (0 when `repair` is off or none were found). */
  repairedMojibake: number;
  /** Human-readable notes: guessed encodings, repairs, reasons a file is not text. */
  issues: string[];
  /** True when the bytes are not text (NUL bytes, known binary signatures, too many control bytes). */
  binary: boolean;
}

export interface DecodeOptions {
  /** Repair UTF-8-read-as-1252 damage in UTF-8/UTF-16 text (default true). */
  repair?: boolean;
  /** Keep `\r\n` line endings (default false: normalised to `\n`). */
  keepNewlines?: boolean;
}

const SNIFF = 8192;

const SIGNATURES: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip archive', [0x1f, 0x8b]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
  ['Windows executable', [0x4d, 0x5a]],
  ['WebP/RIFF media', [0x52, 0x49, 0x46, 0x46]],
  ['7z archive', [0x37, 0x7a, 0xbc, 0xaf]],
];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

/** Guess UTF-16 without a BOM from the pattern of zero bytes (ASCII-heavy text). */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Why these bytes are not text, or null when they may be text. */
export function binaryReason(bytes: Uint8Array): string | null {
  for (const [name, sig] of SIGNATURES) {
    if (startsWith(bytes, sig)) {
      // "MZ" and "RIFF" are short; only trust them when the rest is not plain text either.
      if ((name === 'Windows executable' || name === 'WebP/RIFF media') && !hasControlBytes(bytes)) continue;
      return `binary file (${name})`;
    }
  }
  if (sniffUtf16(bytes)) return null;
  const n = Math.min(bytes.length, SNIFF);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return 'binary file (contains NUL bytes)';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  // Text, in any encoding, almost never holds control bytes other than whitespace and ESC.
  if (n > 0 && control / n > 0.02) return 'binary file (too many control bytes)';
  return null;
}

function hasControlBytes(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return true;
  }
  return false;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** UTF-8 text with at most a handful of invalid sequences (<= 3, or <= 0.5% of multi-byte characters). */
function mostlyUtf8(bytes: Uint8Array): { text: string; invalid: number } | null {
  const text = utf8Lenient.decode(bytes);
  let replaced = 0;
  let multi = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (c >= 0x80) multi++;
  }
  let genuine = 0; // U+FFFD written in the file on purpose (EF BF BD)
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) genuine++;
  const invalid = replaced - genuine;
  if (invalid <= 0 || multi === 0) return null;
  return invalid <= 3 || invalid <= multi * 0.005 ? { text, invalid } : null;
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return null;
  }
}

// The 300 most frequent Chinese characters cover about 60% of running Chinese text in either
// script; legacy-encoded bytes decoded with the wrong table produce rare characters instead.
const COMMON_HAN =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨递邪撞拟滚奏巡颜剂绩贡疯坡瞧截燃焦殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜浓芳稿竹腹跌逻垂遵脉貌柏狱猜怜惑陶兽帐饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳嘛董迁凝慰厌脏腾幽怨鞋丢埋泉涌辖躲晋紫艰魏吾慌祝邮吐狠鉴曰械咬邻赤挤弯椅陪割揭韦悟聪雾锋梯猫祥阔誉筹丛牵鸣沈阁穆屈旨袖猎臂蛇贺柱抛鼠瑟戈牢逊迈欺吨琴衰瓶恼燕仲诱狼池疼卢仗冠粒遥吕玄尘冯抚浅敦纠钻晶岂峡苍喷耗凌敲菌赔涂粹扁亏寂煤熊恭湿循暖糖赋抑秩帽哀宿踏烂袁侯抖夹昆肝擦猪炼恒慎搬纽纹玻渔磁铜齿跨押怖漠疲叛遣兹祭醉拳弥斜档稀捷肤疫肿豆削岗晃吞宏癌肚隶履涨耀扭坛拨沃绘伐堪仆郭牺歼墓雇廉契拼惩捉覆刷劫嫌瓜歇雕闷乳串娃缴唤赢莲霸桃妥瘦搭赴岳嘉舱俊址庞耕锐缝悔邀玲惟斥宅添挖呵讼氧浩羽斤酷掠妖祸侍乙妨贪挣汪尿莉悬唇翰仓轨枚盐览傅帅庙芬屏寺胖璃愚滴疏萧姿颤丑劣柯寸扔盯辱匹俱辨饿蜂哦腔郁溃谨糟葛苗肠忌溜鸿爵鹏鹰笼丘桂滋聊挡纲肌茨壳痕碗穴膀卓贤卧膜毅锦欠哩函茫昂薛皱夸豫胃舌剥傲拾窝睁携陵哼棉晴铃填饲渴吻扮逆脆喘罩卜炉柴愉绳胎蓄眠竭喂傻慕浑奸扇柜悦拦诞饱乾泡贼亭夕爹酬儒姻卵氛泄杆挨僧蜜吟猩遂狭肖甜霞驳裕顽於摘矮秒卿畜咽披辅勾盆疆赌塑畏吵囊嗯泊肺骤缠冈羞瞪吊贾漏斑涛悠鹿俘锡卑葬铭滩嫁催璇翅盒蛮矣潘歧赐鲍锅廊拆灌勉盲宰佐啥胀扯禧辽抹筒棋裤唉朴咐孕誓喉妄拘链驰栏逝窃艳臭纤玑棵趁匠盈翁愁瞬婴孝颈倘浙谅蔽畅赠妮莎尉冻跪闯葡後厨鸭颠遮谊圳吁仑辟瘤嫂陀框谭亨钦庸歉芝吼甫衫摊宴嘱衷娇陕矩浦讶耸裸碧摧薪淋耻胶屠鹅饥盼脖虹翠崩账萍逢赚撑翔倡绵猴枯巫昭怔渊凑溪蠢禅阐旺寓藤匪伞碑挪琼脂谎慨菩萄狮掘抄岭晕逮砍掏狄晰罕挽脾舟痴蔡剪脊弓懒叉拐喃僚捐姊骚拓歪粘柄坑陌窄湘兆崖骄刹鞭芒筋聘钩棍嚷腺弦焰耍俯厘愣厦恳饶钉寡憾摔叠惹喻谱愧煌徽溶坠煞巾滥洒堵瓷咒姨棒郡浴媚稣淮哎屁漆淫巢吩撰啸滞玫硕钓蝶膝姚茂躯吏猿寨恕渠戚辰舶颁惶狐讽笨袍嘲啡泼衔倦涵雀旬僵撕肢垄夷逸茅侨舆窑涅蒲谦杭噢弊勋刮郊凄捧浸砖鼎篮蒸饼亩肾陡爪兔殷贞荐哑炭坟眨搏咳拢舅昧擅爽咖搁禄雌哨巩绢螺裹昔轩谬谍龟媳姜瞎冤鸦蓬巷琳栽沾诈斋瞒彪厄咨纺罐桶壤糕颂膨谐垒咕隙辣绑宠嘿兑霉挫稽辐乞纱裙嘻哇绣杖塘衍轴攀膊譬斌祈踢肆坎轿棚泣屡躁邱凰溢椎砸趟帘帆栖窜丸斩堤塌贩厢掀喀乖谜捏阎滨虏匙芦苹卸沼钥株祷剖熙哗劈怯棠胳桩瑰娱娶沫嗓蹲焚淘嫩韵衬匈钧竖峻豹捞菊鄙魄兜哄颖镑屑蚁壶怡渗秃迦旱哟咸焉谴宛稻铸锻伽詹毙恍贬烛骇芯汁桓坊驴朽靖佣汝碌迄冀荆崔雁绅珊榜诵傍彦醇笛禽勿娟瞄幢寞睬弛滔遏疤坪逗玛';
const COMMON_SET = new Set(COMMON_HAN);

interface Candidate {
  name: 'gb18030' | 'big5' | 'shift_jis';
  text: string;
  score: number;
}

function scoreCjk(name: Candidate['name'], text: string): Candidate | null {
  let nonAscii = 0;
  let bad = 0;
  let good = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    nonAscii++;
    if (cp === 0xfffd) bad++;
    else if (COMMON_SET.has(ch)) good++;
    else if (name === 'shift_jis' && cp >= 0x3040 && cp <= 0x30ff)
      good++; // kana
    else if (cp >= 0x3000 && cp <= 0x303f)
      good += 0.5; // CJK punctuation
    else if (cp >= 0xff01 && cp <= 0xff5e) good += 0.5; // full-width ASCII variants (not half-width kana)
  }
  if (nonAscii === 0 || bad > nonAscii * 0.005) return null;
  return { name, text, score: good / nonAscii };
}

function guessLegacy(bytes: Uint8Array): { text: string; encoding: TextEncodingName; issue: string } {
  const candidates: Candidate[] = [];
  for (const name of ['gb18030', 'big5', 'shift_jis'] as const) {
    const c = scoreCjk(name, iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name));
    if (c) candidates.push(c);
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best && best.score >= 0.3) {
    return { text: best.text, encoding: best.name, issue: `not valid UTF-8; decoded as ${best.name.toUpperCase()} (guessed)` };
  }
  const text = decodeCp1252(bytes);
  let letters = 0;
  let odd = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (ch.charCodeAt(0) >= 0x80) odd++;
  }
  let c1 = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c <= 0x9f) c1++;
  }
  if ((letters > 20 && odd / letters > 0.3) || c1 > Math.max(2, text.length * 0.01)) {
    return { text, encoding: 'unknown', issue: 'unknown text encoding (not UTF-8, GB18030, Big5, Shift_JIS or Windows-1252)' };
  }
  return { text, encoding: 'windows-1252', issue: 'not valid UTF-8; decoded as Windows-1252 (guessed)' };
}

/** Share of a text's non-ASCII characters that are ordinary: common Han, Latin letters, punctuation. */
function plainness(text: string): number {
  let nonAscii = 0;
  let plain = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    nonAscii++;
    if (
      COMMON_SET.has(ch) ||
      (cp >= 0xa0 && cp <= 0x24f) ||
      (cp >= 0x2000 && cp <= 0x206f) ||
      (cp >= 0x3000 && cp <= 0x303f) ||
      (cp >= 0xff01 && cp <= 0xff5e)
    )
      plain++;
  }
  return nonAscii === 0 ? 1 : plain / nonAscii;
}

/**
 * A legacy CJK reading of bytes that are almost UTF-8, when it reads better. Short GBK text can be
 * one broken UTF-8 sequence away from valid (`晴。` is C7 E7 A1 A3: a stray C7, then 硣), which the
 * "mostly UTF-8" rule for truncated files would otherwise accept.
 */
function cleanLegacyBeats(bytes: Uint8Array, utf8Text: string): ReturnType<typeof guessLegacy> | null {
  const g = guessLegacy(bytes);
  if (g.encoding !== 'gb18030' && g.encoding !== 'big5' && g.encoding !== 'shift_jis') return null;
  return plainness(g.text) > plainness(utf8Text) ? g : null;
}

/**
 * Decode a file's bytes. Never throws. Binary files come back with `binary: true` and empty text;
 * text in an unrecognised encoding comes back with `encoding: 'unknown'` (best-effort 1252 text) so
 * callers can refuse it with a clear reason.
 */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const repair = options.repair ?? true;
  const issues: string[] = [];
  let text: string;
  let encoding: TextEncodingName;
  let bom = false;
  let unicode = false;

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    bom = true;
    unicode = true;
    encoding = 'utf-8';
    const t = tryUtf8(bytes.subarray(3));
    if (t === null) {
      issues.push('UTF-8 BOM but invalid UTF-8 bytes; invalid bytes replaced with U+FFFD');
      text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    } else text = t;
  } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    bom = true;
    unicode = true;
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    text = new TextDecoder(encoding).decode(bytes.subarray(2));
  } else {
    const utf16 = sniffUtf16(bytes);
    if (utf16) {
      unicode = true;
      encoding = utf16;
      text = new TextDecoder(utf16).decode(bytes);
      issues.push(`no byte-order mark; decoded as ${utf16.toUpperCase()} (guessed)`);
    } else {
      const reason = binaryReason(bytes);
      if (reason) return { text: '', encoding: 'binary', bom: false, repairedMojibake: 0, issues: [reason], binary: true };
      const t = tryUtf8(bytes);
      const mostly = t === null ? mostlyUtf8(bytes) : null;
      let legacy: ReturnType<typeof guessLegacy> | null = null;
      if (t !== null) {
        unicode = true;
        encoding = 'utf-8';
        text = t;
      } else if (mostly && !(legacy = cleanLegacyBeats(bytes, mostly.text))) {
        // Valid UTF-8 with a few broken bytes (a truncated file, one stray byte): keep it UTF-8.
        unicode = true;
        encoding = 'utf-8';
        text = mostly.text;
        issues.push(`${mostly.invalid} invalid UTF-8 byte sequence${mostly.invalid === 1 ? '' : 's'} replaced with U+FFFD`);
      } else {
        const g = legacy ?? guessLegacy(bytes);
        text = g.text;
        encoding = g.encoding;
        issues.push(g.issue);
      }
    }
  }

  if (!options.keepNewlines) text = text.replace(/\r\n?/g, '\n');
  let repairedMojibake = 0;
  if (repair && unicode) {
    const r = repairMojibake(text);
    if (r.suspicious > 0) {
      issues.push(
        `left ${r.suspicious} possible mojibake sequence${r.suspicious === 1 ? '' : 's'} (such as Ã©) as written: the rest of the text is not damaged`,
      );
    }
    if (r.repaired > 0) {
      text = r.text;
      repairedMojibake = r.repaired;
      issues.push(`repaired ${r.repaired} mojibake sequence${r.repaired === 1 ? '' : 's'} (UTF-8 read as Windows-1252)`);
      if (r.unrepaired > 0)
        issues.push(`${r.unrepaired} damaged character${r.unrepaired === 1 ? '' : 's'} could not be repaired`);
    }
  }
  return { text, encoding, bom, repairedMojibake, issues, binary: false };
}
