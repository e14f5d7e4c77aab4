import type { DeptRows } from './build.js';

export const justice: DeptRows = {
  dept: '010',
  objects: [1],
  rows: [
    ['法律援助申请', '20 7/5 V', 'app,id,经济困难状况说明表,与所申请法律援助事项有关的材料/kd', 'legalaid'],
    ['公证服务（出生、亲属关系、学历等公证）', '20 15/5', 'app,id,hukou,证明事项相关材料/k', '《中华人民共和国公证法》第二十五条、第三十条'],
    ['人民调解申请', '20 30/15 V e5', 'app,id,纠纷情况说明及证据/kd', 'mediation'],
    ['法律咨询', '20 0/0 w5 V', 'app,id', 'legalaid'],
    ['行政复议申请', '09 60/40 o12', 'app,id,被申请复议的行政行为材料/k,证据材料/kd', '《中华人民共和国行政复议法》第九条、第十七条'],
    ['基层法律服务工作者执业核准', '01 20/10', 'app,id,photo,法律专业学历证明/k,拟执业机构同意接收证明/k', '《基层法律服务工作者管理办法》第十四条'],
  ],
};

export const finance: DeptRows = {
  dept: '011',
  objects: [2],
  rows: [
    ['代理记账机构执业许可（{审批|变更备案|注销}）', '01 10/5 C', 'app,lr,biz,专职从业人员会计专业资格证明/kdc,主管代理记账业务负责人资格证明/kc,代理记账业务内部规范/dc', 'accounting'],
    ['会计人员信息采集', '20 0/0 w5 o1', 'app,id,会计专业资格证书/k', '《会计人员管理办法》'],
    ['政府采购供应商投诉处理', '09 30/20', 'app,lr,biz,质疑和质疑答复情况说明/k,投诉相关证明材料/k', '《政府采购质疑和投诉办法》（财政部令第94号）'],
    ['财政票据领购', '10 5/0 o36', 'app,orgcert,财政票据领购证/K/财政部门', '《财政票据管理办法》（财政部令第70号）'],
  ],
};

export const ecology: DeptRows = {
  dept: '012',
  objects: [2],
  rows: [
    ['建设项目环境影响报告书审批', '01 60/20 C', 'app,lr,eia,projdoc,公众参与说明/d', 'eiaLaw'],
    ['建设项目环境影响报告表审批', '01 30/10 C', 'app,lr,eia,projdoc,污染防治措施说明/dc', 'eiaLaw'],
    ['建设项目环境影响登记表备案', '10 0/0 w5', 'app,lr,建设项目环境影响登记表', 'eiaLaw'],
    ['固定污染源排污登记', '10 0/0 w5', 'app,lr,biz', '《排污许可管理条例》第二十四条'],
    ['夜间建筑施工作业审批', '01 3/1 C', 'app,lr,夜间连续施工理由说明,噪声污染防治措施/dc', '《中华人民共和国环境噪声污染防治法》第三十条'],
    ['防治污染设施拆除或者闲置审批', '01 20/10 i', 'app,lr,拆除或闲置理由及替代措施', '《中华人民共和国大气污染防治法》；《山东省环境保护条例》'],
    ['产业园区规划环境影响报告书审查', '10 30/20 o6', 'app,规划环境影响报告书,园区规划文本', '《中华人民共和国环境影响评价法》第十一条；《规划环境影响评价条例》'],
    ['突发环境事件应急预案备案', '10 5/0 w5', 'app,lr,emerg', '《突发环境事件应急预案管理暂行办法》'],
  ],
};

export const transport: DeptRows = {
  dept: '013',
  objects: [2],
  rows: [
    ['道路普通货物运输经营许可（{新办|变更|延续|注销}）', '01 20/5 C r1009', 'app,lr,biz,vehicle,driver,safesys', 'transport'],
    ['道路旅客运输经营许可（{新办|变更|延续}）', '01 20/10 C i r1009', 'app,lr,biz,vtest,driver,safesys,客运线路和站点方案/d', 'passenger'],
    ['道路旅客运输站（场）经营许可', '01 15/10 i r1009', 'app,lr,biz,客运站竣工验收证明/k,站场平面布局图/d,safesys', 'passenger'],
    ['机动车驾驶员培训经营备案', '10 15/5', 'app,lr,biz,教练场地证明/k,教练员资格证明/kd,教学车辆清单及行驶证/k', 'transport'],
    ['机动车维修经营备案', '10 0/0 w5', 'app,lr,biz,维修场地及设备证明/k,技术人员资格证明/k', '《中华人民共和国道路运输条例》第三十八条；《机动车维修管理规定》'],
    ['巡游出租汽车经营许可', '01 20/10', 'app,lr,biz,车辆来源证明/k,经营管理制度/d', 'taxi'],
    ['网络预约出租汽车经营许可', '01 20/10 C', 'app,lr,biz,线上服务能力证明/kc,经营管理制度/dc', 'taxi'],
    ['网络预约出租汽车运输证核发', '01 10/3 C', 'app,lr,vehicle,车辆技术条件证明/kc', 'taxi'],
    ['道路运输证{配发|换发|注销}', '01 10/1 C x', 'app,lr,vehicle,vtest', 'transport'],
    ['公路超限运输许可', '01 5/2 w5', 'app,lr,vehicle,车货总体轮廓图/k,运输路线方案', 'highway'],
    ['占用、挖掘公路或者使公路改线审批', '01 20/5 i', 'app,lr,施工方案及安全保障措施/d,公路路产损失补偿协议/k', 'highway'],
    ['在公路建筑控制区内埋设管道、电缆等设施许可', '01 20/5', 'app,lr,设施设置方案及位置图,安全保障措施/d', 'highway'],
    ['跨越、穿越公路修建桥梁、渡槽或者架设、埋设管道等设施审批', '01 20/5 i', 'app,lr,设计和施工方案,安全评价报告/kd', 'highway'],
  ],
};

export const agriculture: DeptRows = {
  dept: '014',
  objects: [2],
  rows: [
    ['农药经营许可（{新办|延续|变更}）', '01 20/10 C i', 'app,lr,biz,place,农药专业技术人员资格证明/kdc,农药经营质量管理制度/dc,仓储设施情况说明/d', 'pesticide'],
    ['兽药经营许可证（{核发|变更|换发}）', '01 20/10 C i', 'app,lr,biz,place,兽药专业技术人员资格证明/kdc,兽药质量管理制度/dc', 'vetdrug'],
    ['农作物种子生产经营许可证核发', '01 20/10 C i', 'app,lr,biz,place,种子检验人员资格证明/kdc,仓储和检验设施情况/d', 'seed'],
    ['动物防疫条件合格证核发', '01 20/10 C i', 'app,lr,biz,场所地理位置图及平面布局图/dc,动物防疫管理制度/dc', 'animal'],
    ['动物诊疗许可证核发', '01 20/10 C i', 'app,lr,biz,place,执业兽医资格证明/kdc,诊疗设备清单/d', 'animal'],
    ['生鲜乳收购站许可', '01 20/10 i', 'app,lr,biz,place,检测化验设备清单/d,质量管理制度/d', '《乳品质量安全监督管理条例》第二十条'],
    ['拖拉机和联合收割机{注册|转移|注销}登记', '07 5/2 o1 T', 'app,id,拖拉机和联合收割机来历证明/k,出厂合格证明/k', 'farmmach'],
    ['拖拉机和联合收割机驾驶证核发', '01 20/5 o1', 'app,id,photo,身体条件证明/k/医疗机构', 'farmmach'],
    ['农村村民宅基地申请审批', '01 20/15 V o1 e5 i', 'app,id,hukou,宅基地使用承诺书,村民小组和村民委员会意见/k/村民委员会', 'homestead'],
    ['水产苗种生产经营许可', '01 20/10 i', 'app,lr,biz,place,技术人员资格证明/kd', '《中华人民共和国渔业法》第十六条'],
    ['农机购置补贴申请', '05 30/15 o12 T', 'app,id,购机发票/k,机具铭牌照片,bank', '《农业机械购置补贴实施指导意见》'],
    ['耕地地力保护补贴申领', '05 30/20 V o1 e6', 'app,id,土地承包经营权证明/k,bank', '《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》'],
    ['畜禽养殖场备案', '10 5/1 T', 'app,lr,biz,场所位置图及布局图/d', '《中华人民共和国畜牧法》第三十九条'],
  ],
};

export const water: DeptRows = {
  dept: '015',
  objects: [2],
  rows: [
    ['取水许可（{新办|延续|变更}）', '01 45/15 C i', 'app,lr,biz,建设项目水资源论证报告/kdc,取水计量设施说明/d', 'waterlaw'],
    ['生产建设项目水土保持方案审批', '01 20/5 C', 'app,lr,水土保持方案报告书（表）/c,projdoc', 'soil'],
    ['河道管理范围内建设项目工程建设方案审批', '01 20/10 i', 'app,lr,工程建设方案,防洪评价报告/kd', 'river'],
    ['洪水影响评价类审批', '01 20/10', 'app,lr,洪水影响评价报告,projdoc', 'river'],
    ['河道采砂许可', '01 20/10 i', 'app,lr,biz,采砂作业方案,采砂设备清单/d', 'river'],
    ['水利工程建设项目开工备案', '10 5/1 w5', 'app,lr,开工条件说明及批准文件/k', '《水利工程建设项目管理规定》'],
    ['农村集体经济组织修建水库审批', '01 20/10 o9', 'app,集体经济组织负责人居民身份证/iK/公安机关/1010,水库建设方案,村民代表大会决议/k', '《中华人民共和国水法》第二十五条'],
  ],
};

export const culture: DeptRows = {
  dept: '016',
  objects: [2],
  rows: [
    ['娱乐场所经营许可（{新办|变更|延续|注销}）', '01 20/5 C i r1018', 'app,lr,biz,place,fireok,场所平面示意图/dc,安全保卫管理制度/dc', 'culture'],
    ['互联网上网服务营业场所经营单位经营许可（{新办|变更|注销}）', '01 20/5 C i', 'app,lr,biz,place,fireok,网络安全技术措施说明/dc', 'culture'],
    ['营业性演出审批', '01 3/3 C', 'app,lr,biz,演出节目内容及演员名单/c,演出场所合格证明/kc', 'show'],
    ['演出场所经营单位备案', '10 0/0 w5', 'app,lr,biz,place', 'show'],
    ['旅行社设立许可', '01 20/10 C', 'app,lr,biz,place,经营设施证明/kdc,旅游服务质量保证金存单/k', 'travel'],
    ['出版物零售业务经营许可', '01 20/5 C', 'app,lr,biz,place,经营场所平面图/dc', 'publish'],
    ['电影放映单位设立审批', '01 20/10 C i', 'app,lr,biz,place,fireok,放映设备清单/dc', '《中华人民共和国电影产业促进法》第二十四条；《电影管理条例》'],
    ['其他印刷品印刷经营许可', '01 20/10 C i', 'app,lr,biz,place,印刷设备清单/dc,生产经营管理制度/dc', '《印刷业管理条例》第十一条'],
    ['文物保护单位建设控制地带内建设工程设计方案审核', '01 20/10', 'app,lr,design,文物影响评估报告/kd', '《中华人民共和国文物保护法》第十八条'],
    ['艺术品经营单位备案', '10 0/0 w5', 'app,lr,biz', '《艺术品经营管理办法》第五条'],
    ['旅游民宿等级评定申请', '20 30/15 i', 'app,lr,biz,place,民宿服务质量自评报告', '《旅游民宿基本要求与评价》（LB/T 065-2019）'],
  ],
};

export const emergency: DeptRows = {
  dept: '017',
  objects: [2],
  rows: [
    ['危险化学品经营许可证（{新办|延续|变更}）', '01 30/15 C i', 'app,lr,biz,place,safeeval,safesys,emerg', 'chem'],
    ['烟花爆竹经营（零售）许可证（{新办|延续|变更}）', '01 20/5 C i', 'app,lr,biz,place,safesys,零售场所安全条件说明/c', 'firework'],
    ['生产经营单位生产安全事故应急预案备案', '10 5/1 w5', 'app,lr,biz,emerg,应急预案评审意见/kd', 'emergency'],
    ['危险化学品重大危险源备案', '10 5/1', 'app,lr,biz,重大危险源辨识与评估报告/k', '《危险化学品重大危险源监督管理暂行规定》第二十三条'],
    ['非药品类易制毒化学品经营备案', '10 3/1 w5', 'app,lr,biz,易制毒化学品管理制度', '《非药品类易制毒化学品生产、经营许可办法》第二十条'],
  ],
};

export const veterans: DeptRows = {
  dept: '018',
  objects: [1],
  rows: [
    ['退役士兵自主就业一次性经济补助金发放', '05 20/10 T', 'app,id,army,bank', 'retire'],
    ['退役军人优待证申领', '20 20/10 V w5', 'app,id,army,photo', 'retire'],
    ['退役军人信息采集', '20 0/0 V e6', 'app,id,army', 'retire'],
    ['伤残抚恤关系转移', '07 20/10 T', 'app,id,残疾军人证/K/退役军人事务部门,伤残抚恤关系转移证明/k', 'retire'],
    ['烈士遗属、因公牺牲军人遗属、病故军人遗属定期抚恤金给付', '05 20/10 T', 'app,id,烈士证明书或牺牲病故证明书/K/退役军人事务部门,relation,bank', 'retire'],
    ['在乡复员军人定期定量补助', '05 20/10 V', 'app,id,army,bank', 'retire'],
    ['部分农村籍退役士兵老年生活补助', '05 20/10 V', 'app,id,army,hukou,bank', 'retire'],
    ['义务兵家庭优待金发放', '05 20/10 V', 'app,id,入伍通知书/k/人民武装部,bank', 'retire'],
  ],
};

export const medicalInsurance: DeptRows = {
  dept: '019',
  objects: [1],
  tiers: ['branch'],
  branch: '区医疗保障服务中心分厅',
  rows: [
    ['城乡居民基本医疗保险参保登记', '20 0/0 w5 V e5', 'app,id,hukou', 'medins'],
    ['职工基本医疗保险参保登记', '20 0/0 w5 o12', 'app,lr,biz,职工名册', 'medins'],
    ['基本医疗保险关系转移接续', '20 45/15 w5 T', 'app,id,参保凭证/k/医疗保障经办机构', 'medins'],
    ['异地就医备案', '20 0/0 w5 V', 'app,id,异地居住或工作证明/ok', 'medins'],
    ['门诊慢特病待遇认定', '07 20/10 T', 'app,id,medrec,检查检验报告/k/医疗机构', 'medins'],
    ['医疗费用手工（零星）报销', '05 30/20 T', 'app,id,invoice,medrec,bank', 'medins'],
    ['生育医疗费用报销', '05 30/20 T', 'app,id,invoice,出生医学证明或生育诊断证明/k,bank', 'medins'],
    ['生育津贴支付', '05 30/20 o12', 'app,id,出生医学证明或生育诊断证明/k,用人单位银行账户信息/k', 'medins'],
    ['参保人员个人账户一次性支取', '05 20/10', 'app,id,死亡或出国（境）定居证明/k,bank', 'medins'],
    ['医疗救助', '05 20/10 V', 'app,id,invoice,救助对象身份证明/k', 'aid'],
    ['医药机构申请定点协议管理', '10 60/30 i o2', 'app,lr,biz,医疗机构执业许可证或药品经营许可证/k,医保管理制度/d', 'medins'],
    ['参保信息查询', '20 0/0 w5 V', 'app,id', 'medins'],
    ['单位参保信息变更登记', '20 0/0 w5 o2', 'app,lr,biz,变更事项证明材料/k', 'medins'],
    ['长期护理保险待遇申请', '05 20/10 T i', 'app,id,medrec,失能等级评估表/k', '《临沂市长期护理保险实施办法》'],
  ],
};

export const tax: DeptRows = {
  dept: '020',
  objects: [1, 2],
  tiers: ['branch'],
  branch: '区税务局办税服务分厅',
  rows: [
    ['新办纳税人“套餐式”服务', '07 0/0 w5 o2 K', 'app,lr,biz', 'tax'],
    ['变更税务登记', '07 0/0 w5 o2', 'app,lr,biz,变更事项证明材料/k', 'tax'],
    ['清税注销（即办）', '10 0/0 w5 o2', 'app,lr,biz', 'tax'],
    ['税务注销（一般流程）', '10 20/10 o2', 'app,lr,biz,清算报告/k,发票缴销情况说明', 'tax'],
    ['发票领用', '20 0/0 w5 o2 x', 'app,lr,biz', 'invoice'],
    ['代开增值税发票', '20 0/0 w5 T', 'app,id,合同或交易证明/k', 'invoice'],
    ['增值税专用发票（增值税税控系统）最高开票限额审批', '01 10/5 C o2', 'app,lr,biz,经营情况说明/c', 'invoice'],
    ['开具税收完税证明', '20 0/0 w5 T', 'app,id', 'taxlevy'],
    ['纳税信用复评', '10 15/5 w5 o2', 'app,lr,复评理由及证明/k', '《纳税信用管理办法（试行）》第三十条'],
    ['城乡居民养老保险费缴纳', '04 0/0 w5 V o1', 'app,id', 'taxlevy'],
    ['城乡居民医疗保险费缴纳', '04 0/0 w5 V o1', 'app,id', 'taxlevy'],
    ['契税申报', '04 0/0', 'app,id,sale,prop', '《中华人民共和国契税暂行条例》第九条'],
    ['车辆购置税申报', '04 0/0', 'app,id,机动车销售统一发票/k,车辆合格证明/k', '《中华人民共和国车辆购置税法》第十二条'],
    ['出口退（免）税备案', '10 0/0 w5 o2', 'app,lr,biz,对外贸易经营者备案登记表/k', '《出口货物劳务增值税和消费税管理办法》'],
    ['增值税一般纳税人登记', '07 0/0 w5 o2', 'app,lr,biz', '《增值税一般纳税人登记管理办法》（国家税务总局令第43号）'],
    ['跨区域涉税事项报告', '10 0/0 w5 o2', 'app,lr,biz,跨区域经营合同/k', 'tax'],
  ],
};

export const cityAdmin: DeptRows = {
  dept: '021',
  objects: [1, 2],
  rows: [
    ['设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批', '01 20/5 C i', 'app,lr,biz,设置位置图及效果图/dc,结构安全证明/kdc', 'ad'],
    ['户外招牌设置审核', '01 10/3 C', 'app,lr,biz,招牌设计效果图/dc,place', 'ad'],
    ['临时占用城市道路审批', '01 20/5', 'app,lr,占道位置图及占用方案,安全保障措施/d', 'road'],
    ['挖掘城市道路审批', '01 20/5 i', 'app,lr,挖掘方案及施工图,交通疏导方案/d,engplan', 'road'],
    ['依附于城市道路建设各种管线、杆线等设施审批', '01 20/5', 'app,lr,设施设计图纸,安全保障措施/d', 'road'],
    ['特殊车辆在城市道路上行驶审批', '01 20/3', 'app,lr,vehicle,行驶路线和时间说明', 'road'],
    ['砍伐、迁移城市树木审批', '01 20/5 i', 'app,lr,树木位置图及数量说明,补植方案/d', 'green'],
    ['临时占用城市绿化用地审批', '01 20/5', 'app,lr,占用绿地位置图,恢复方案/d', 'green'],
    ['改变绿化规划、绿化用地使用性质审批', '01 20/10', 'app,lr,改变理由说明,规划调整方案', 'green'],
    ['城市生活垃圾经营性清扫、收集、运输服务许可', '01 20/10 C i o2', 'app,lr,biz,车辆清单及行驶证/kc,管理制度/dc', '《城市生活垃圾管理办法》第十七条'],
    ['关闭、闲置、拆除城市环境卫生设施许可', '01 20/10', 'app,lr,拆除理由及替代方案', 'citymgmt'],
  ],
};

export const commerce: DeptRows = {
  dept: '022',
  objects: [2],
  rows: [
    ['对外贸易经营者备案登记', '10 0/0 w5', 'app,lr,biz', 'commerce'],
    ['单用途商业预付卡备案', '10 0/0 w5', 'app,lr,biz,预付卡章程及合同样本', 'commerce'],
    ['再生资源回收经营者备案', '10 0/0 w5', 'app,lr,biz,place', 'commerce'],
    ['二手车经营主体备案', '10 0/0 w5', 'app,lr,biz', '《二手车流通管理办法》第十条'],
    ['外商投资企业信息报告', '10 0/0 w5', 'app,lr,biz', '《中华人民共和国外商投资法》第三十四条；《外商投资信息报告办法》'],
    ['报废机动车回收拆解企业资质认定初审', '01 20/10 i', 'app,lr,biz,place,拆解设备设施清单/d', '《报废机动车回收管理办法》第七条'],
  ],
};

export const statistics: DeptRows = {
  dept: '023',
  objects: [2],
  rows: [
    ['部门统计调查项目审批', '01 20/10 o6', 'app,统计调查方案,统计调查表式', 'stats'],
    ['规模以上企业（一套表单位）入库申报', '20 10/5 w5', 'app,lr,biz,企业财务报表/k', 'stats'],
    ['统计资料查询', '20 0/0 w5 o12', 'app,id', 'stats'],
  ],
};

export const fireRescue: DeptRows = {
  dept: '024',
  objects: [2],
  rows: [
    ['公众聚集场所投入使用、营业前消防安全检查', '01 10/5 C i', 'app,lr,biz,place,消防安全制度及灭火和应急疏散预案/dc,消防设施检测报告/kdc', 'firecheck'],
    ['火灾事故认定', '07 30/20 i o12', 'app,id,火灾损失情况说明', 'fireinv'],
    ['火灾事故证明', '20 5/1 o12', 'app,id', 'fireinv'],
    ['大型群众性活动消防安全检查', '10 5/3 i', 'app,lr,活动方案及消防安全措施/d,场地平面图', 'firecheck'],
    ['消防安全重点单位申报备案', '10 5/1 w5', 'app,lr,biz,消防安全管理人员名单', 'firecheck'],
  ],
};

export const meteorology: DeptRows = {
  dept: '025',
  objects: [2],
  rows: [
    ['雷电防护装置设计审核', '01 20/5 C', 'app,lr,设计文件及计算书/dc,设计单位资质证明/k', 'lightning'],
    ['雷电防护装置竣工验收', '01 20/5 C i', 'app,lr,雷电防护装置检测报告/kdc,竣工图纸/k', 'lightning'],
    ['升放无人驾驶自由气球或者系留气球活动审批', '01 5/3 C', 'app,lr,升放活动方案/c,施放单位资质证明/k', 'weather'],
    ['气象信息服务单位备案', '10 5/0 w5', 'app,lr,biz', '《气象信息服务管理办法》第十条'],
  ],
};

export const disabledFederation: DeptRows = {
  dept: '026',
  objects: [1],
  rows: [
    ['残疾人证{申领|换领|迁移|挂失补办|注销}', '07 30/20 V r1015 x', 'app,id,hukou,photo,残疾评定表/k/指定医疗机构', 'disabled'],
    ['残疾人辅助器具适配申请', '05 20/10 V', 'app,id,disc', 'disabled'],
    ['重度残疾人托养服务补贴申请', '05 20/10 V', 'app,id,disc,bank', 'disabled'],
    ['残疾儿童康复救助申请', '05 20/10 V', 'app,监护人居民身份证/iK/公安机关/1010,disc,儿童户口簿/K/公安机关/1013', '《国务院关于建立残疾儿童康复救助制度的意见》（国发〔2018〕20号）'],
    ['残疾人机动轮椅车燃油补贴申领', '05 20/10 T', 'app,id,disc,机动轮椅车行驶证/k', 'disabled'],
    ['残疾人家庭无障碍改造申请', '20 30/15 V i', 'app,id,disc,prop', 'disabled'],
  ],
};

export const housingFund: DeptRows = {
  dept: '027',
  objects: [1],
  tiers: ['branch'],
  branch: '公积金罗庄分中心延伸服务网点',
  rows: [
    ['住房公积金单位缴存登记', '20 0/0 w5 o2', 'app,lr,biz', 'fund'],
    ['住房公积金个人账户设立', '20 0/0 w5 o12', 'app,id,labor', 'fund'],
    ['{购买自住住房|租赁自住住房|离休退休|偿还住房贷款本息|户口迁出本市}提取住房公积金', '20 3/0 T', 'app,id,bank,提取事由证明材料/k', 'fund'],
    ['住房公积金个人住房贷款申请', '20 15/7', 'app,id,marr,sale,收入证明/k', 'fund'],
    ['住房公积金缴存证明开具', '20 0/0 w5 T', 'app,id', 'fund'],
    ['住房公积金异地转移接续', '20 15/5 w5', 'app,id', 'fund'],
  ],
};

export const realEstate: DeptRows = {
  dept: '028',
  objects: [1, 2],
  tiers: ['branch'],
  branch: '不动产登记分厅（银行、房地产开发企业延伸网点）',
  rows: [
    ['国有建设用地使用权首次登记', '07 30/5 o2 f55000 r1012', 'app,lr,土地权属来源材料/k,landmap,tax', 'estate'],
    ['国有建设用地使用权及房屋所有权首次登记', '07 30/5 o2 f55000 r1012 i', 'app,lr,land,engplan,complete,housemap', 'estate'],
    ['国有建设用地使用权及房屋所有权转移登记（存量房买卖）', '07 30/1 f8000 r1012', 'app,both,prop,sale,tax', 'estate'],
    ['国有建设用地使用权及房屋所有权转移登记（新建商品房）', '07 30/1 f8000 r1012', 'app,id,sale,tax,开发企业首次登记证明/k/不动产登记机构', 'estate'],
    ['国有建设用地使用权及房屋所有权转移登记（继承、受遗赠）', '07 30/5 f8000 r1012', 'app,id,prop,death,relation', 'estate'],
    ['国有建设用地使用权及房屋所有权转移登记（赠与）', '07 30/3 f8000 r1012', 'app,both,prop,赠与合同及公证书/k,tax', 'estate'],
    ['国有建设用地使用权及房屋所有权变更登记', '07 30/1 r1012', 'app,id,prop,变更事项证明材料/k', 'estate'],
    ['国有建设用地使用权及房屋所有权注销登记', '07 30/0', 'app,id,prop,不动产灭失或权利消灭证明/k', 'estate'],
    ['抵押权{首次|变更|转移|注销}登记', '07 30/1 f8000', 'app,both,prop,mort', 'estate'],
    ['预购商品房预告登记', '07 30/1 o1', 'app,both,sale', 'estate'],
    ['查封登记', '07 1/0 o6', 'app,court,执行公务人员工作证/k', 'estate'],
    ['更正登记', '07 30/10', 'app,id,prop,证实登记确有错误的材料/k', 'estate'],
    ['不动产登记资料查询', '20 0/0 w5 V', 'app,id', 'estate'],
    ['不动产权证书补证', '07 30/15', 'app,id,遗失声明或灭失情况说明', 'estate'],
    ['不动产权证书换证', '07 30/3 r1012', 'app,id,prop', 'estate'],
    ['宅基地使用权及房屋所有权首次登记', '07 30/10 T o1 r1012 i', 'app,id,hukou,宅基地批准文件/k,landmap,housemap', 'estate'],
  ],
};

export const tobacco: DeptRows = {
  dept: '029',
  objects: [1, 2],
  rows: [
    ['烟草专卖零售许可证（{新办|延续|变更|停业|歇业}）', '01 20/10 C i r1014', 'app,op,biz,place,经营场所平面示意图/dc', 'tobacco'],
  ],
};

export const power: DeptRows = {
  dept: '030',
  objects: [1, 2],
  rows: [
    ['低压居民用电新装', '20 5/2 w5 V', 'app,id,prop', 'utility'],
    ['低压非居民用电新装（增容）', '20 10/5', 'app,lr,biz,用电地址权属证明/k', 'utility'],
    ['高压用电新装（增容）', '20 30/15 i', 'app,lr,biz,用电地址权属证明/k,用电设备清单/d', 'utility'],
    ['用电更名过户', '20 5/0 w5 T', 'app,id,prop', 'utility'],
    ['电费发票及用电信息查询', '20 0/0 w5', 'app,id', 'utility'],
  ],
};

export const waterSupply: DeptRows = {
  dept: '031',
  objects: [1, 2],
  rows: [
    ['用水报装', '20 15/5 i', 'app,id,prop', 'utility'],
    ['用水更名过户', '20 5/0 w5', 'app,id,prop', 'utility'],
    ['水表移位（改装）', '20 10/5 i', 'app,id,prop', 'utility'],
    ['供水销户', '20 5/0', 'app,id,水费结清凭证/k', 'utility'],
  ],
};

export const gasSupply: DeptRows = {
  dept: '032',
  objects: [1, 2],
  rows: [
    ['居民管道燃气开户', '20 15/5 i', 'app,id,prop', 'utility'],
    ['非居民管道燃气报装', '20 20/10 i', 'app,lr,biz,用气设备清单,用气场所权属证明/k', 'utility'],
    ['燃气更名过户', '20 5/0 w5', 'app,id,prop', 'utility'],
    ['燃气销户', '20 5/0', 'app,id,燃气费结清凭证/k', 'utility'],
  ],
};

export const archives: DeptRows = {
  dept: '033',
  objects: [1, 2],
  rows: [
    ['档案查阅利用', '20 0/0 T', 'app,id', 'archive'],
    ['婚姻档案查询', '20 0/0', 'app,id,relation', 'archive'],
    ['馆藏民生档案查询出证', '20 3/1 w5', 'app,id,查询事由说明', 'archive'],
  ],
};

export const development: DeptRows = {
  dept: '034',
  objects: [2],
  rows: [
    ['粮食收购资格认定', '01 20/10 C i', 'app,lr,biz,place,仓储设施及检验设备证明/kdc', 'grain'],
    ['涉案财物价格认定', '07 15/7 o6', 'app,价格认定协助书,涉案财物清单', '《价格认定规定》（发改价格〔2015〕2251号）'],
    ['粮油仓储单位备案', '10 5/0 w5', 'app,lr,biz,仓储设施情况说明', '《粮油仓储管理办法》第五条'],
    ['重点建设项目申报', '20 20/10', 'app,lr,projdoc,项目基本情况表', '《山东省重点建设项目管理办法》'],
    ['社会信用信息修复申请', '10 15/5 w5 o12', 'app,lr,信用修复承诺书,履行相关义务的证明/k', 'credit'],
  ],
};
