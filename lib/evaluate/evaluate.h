/*
** evaluate.h (private) - reading self-evaluations (项目支出绩效自评表) and
** monitoring reports (绩效运行监控表) from a document's rows, and writing
** them back out as a grid for the renderer's writers. Internal to lib/.
*/
#ifndef JIXIAO_EVALUATE_H
#define JIXIAO_EVALUATE_H

#include "jixiao/error.h"
#include "jixiao/evaluation.h"
#include "jixiao/model.h"
#include "read.h"
#include "render.h"

/*
** Read every self-evaluation and monitoring part of rows (each begun by its
** title row, parts.c's table, and ended by the next part title or worksheet)
** into list->evaluations. A part that cannot be read (no 项目名称, a cell that
** is no amount or no number, no indicator table) is skipped with a note
** naming its line (list->notes); the rest reads on. Errors other than bad
** input (ENOMEM) are returned; nothing is appended then.
*/
jx_status jx_parse_evaluations(const jx_rows *rows, const char *file, jx_form_list *list,
                               jx_error *err);

/* 1 when rows hold a self-evaluation or monitoring title (cheap test before parsing). */
int jx_evaluations_present(const jx_rows *rows);

/*
** The evaluation as the official table, a grid the renderer's writers lay out
** (markdown, TSV, one run per line, XLSX, DOCX): title, year, header fields,
** 项目资金 (万元) with its columns, 年度总体目标, the indicator table, 总分.
*/
void jx_render_evaluation(const jx_evaluation *e, jx_grid *g);

#endif
