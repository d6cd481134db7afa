/*
** messages.c - the importer's diagnostics in Chinese for the web's readers.
**
** The library's errors are English with the domain terms in Chinese (the
** CLI's convention: they go to logs and terminals). A reader of the 导入
** page sees this table's Chinese instead: the first entry whose English
** marker occurs in the message gives the text, with %s replaced by the first
** "quoted" part of the English message (a form's name, a cell) when the
** entry has one. A message no entry knows is given a general Chinese
** sentence; the English original stays in the server's log and the JSON
** API's "detail".
*/
#include <stdio.h>
#include <string.h>

#include "web.h"

static const struct { const char *marker, *zh; } messages[] = {
    {"file is empty", "文件是空的"},
    {"binary data (NUL byte)", "文件含有二进制数据，不是文本文档"},
    {"invalid UTF-8", "文件编码无效：不是 UTF-8 文本"},
    {"neither UTF-8 nor GB18030", "文件编码无法识别：既不是 UTF-8 也不是 GB18030"},
    {"has no indicator table", "项目“%s”没有绩效指标表（一级指标/二级指标/三级指标/指标值），文档可能不完整"},
    {"has no 指标值", "项目“%s”的指标表没有“指标值”列"},
    {"has no indicator rows", "项目“%s”的指标表没有任何指标"},
    {"form has no 项目名称", "申报表缺少“项目名称”"},
    {"is not an amount", "金额无法识别：“%s”不是金额"},
    {"no performance-target form found", "没有找到绩效目标申报表（应有“…绩效目标申报表”标题或“项目名称”行）"},
    {"line is", "某一行过长，不是申报表文档"},
    {"cells, more than", "一行的单元格过多（超过 256 个），不是申报表"},
    {"a table row may have", "一行的单元格过多（超过 256 个），不是申报表"},
    {"beyond the last column", "单元格 %s 超出表格可用的最后一列（IV 列）"},
    {"JX_MAX_SHEET_CELLS", "表格的单元格数量过多，与申报表不相称"},
    {"JX_MAX_MERGES", "合并单元格过多"},
    {"nests elements deeper", "文档结构嵌套过深，不是正常的 Office 文档"},
    {"uncompressed", "压缩包解压后过大（疑似压缩炸弹）"},
    {"password-protected", "文档设有密码保护：请取消密码后另存再导入"},
    {"legacy binary Office file", "旧版 Office 文件（.xls/.doc）：请另存为 .xlsx 或 .docx 后再导入"},
    {"PDF documents are not read", "暂不支持 PDF：请转换为文本、.docx 或 .xlsx"},
    {"corrupt ZIP archive", "文件已损坏：无法作为 .xlsx/.docx 读取"},
    {"cannot read ZIP archive", "文件已损坏：无法作为 .xlsx/.docx 读取"},
    {"not a workbook", "压缩包不是 Excel 工作簿（.xlsx）"},
    {"not a Word document", "压缩包不是 Word 文档（.docx）"},
    {"neither an .xlsx workbook", "压缩包既不是 .xlsx 工作簿也不是 .docx 文档"},
    {"not well-formed XML", "文档内部的 XML 已损坏"},
    {"shared string index", "工作簿的共享字符串已损坏"},
    {"bad cell reference", "工作簿的单元格引用无效"},
    {"bad row number", "工作簿的行号无效"},
    {"larger than", "文件过大"},
    {"database", "数据库写入失败，未导入任何内容"},
};

/* The first "quoted" part of s into out (empty when none). */
static void first_quoted(const char *s, char *out, size_t size)
{
    out[0] = '\0';
    const char *a = strchr(s, '"');
    const char *b = a ? strchr(a + 1, '"') : NULL;
    if (!b) return;
    size_t n = (size_t)(b - a - 1);
    if (n >= size) n = size - 1;
    memcpy(out, a + 1, n);
    out[n] = '\0';
}

/* 1 when s holds an English word (three ASCII letters in a row). */
static int has_english(const char *s)
{
    int run = 0;
    for (; *s; s++) {
        run = ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) ? run + 1 : 0;
        if (run >= 3) return 1;
    }
    return 0;
}

const char *web_error_zh(const char *message, char *buf, size_t size)
{
    if (!has_english(message)) return message;   /* written in Chinese already */
    for (size_t i = 0; i < sizeof messages / sizeof *messages; i++) {
        if (!strstr(message, messages[i].marker)) continue;
        const char *hole = strstr(messages[i].zh, "%s");
        if (!hole) return messages[i].zh;
        char quoted[256];
        first_quoted(message, quoted, sizeof quoted);
        snprintf(buf, size, "%.*s%s%s", (int)(hole - messages[i].zh), messages[i].zh, quoted, hole + 2);
        return buf;
    }
    return "文件无法导入：内容不是可识别的绩效目标申报表";
}
