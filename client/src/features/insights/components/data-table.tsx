import type { ReactNode } from "react";
import type { CsvValue } from "../csv";
import { CsvButton } from "./csv-button";

/** One column of an insight table: its heading, the value exported to CSV, and how a cell shows. */
export interface Column<Row> {
  key: string;
  header: string;
  value: (row: Row) => CsvValue;
  /** How the cell shows on screen (default: the value). */
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
  /** Only in the CSV (shown on screen in another column). */
  csvOnly?: boolean;
  /** Only on screen (buttons and links). */
  screenOnly?: boolean;
}

interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** The downloaded file's name, without ".csv". */
  fileName: string;
  /** Shown instead of an empty table. */
  empty: string;
  /** The caption is for screen readers only (a heading with the same words is right above). */
  captionHidden?: boolean;
}

/** The figures of a panel as a table (what screen readers read), with a CSV download of the same rows. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  fileName,
  empty,
  captionHidden = false,
}: DataTableProps<Row>) {
  const exported = columns.filter((column) => !column.screenOnly);
  const shown = columns.filter((column) => !column.csvOnly);
  if (rows.length === 0) return <p className="muted insight-empty">{empty}</p>;
  return (
    <div className="insight-table">
      {/* The caption seen stands above the scrolling box, so a table wider than a phone does not carry it off the
          screen; the table keeps its own caption for screen readers. */}
      {captionHidden ? null : (
        <p className="insight-table-caption" aria-hidden="true">
          {caption}
        </p>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone must be scrollable by keyboard (WCAG 2.1.1) */}
      <section className="insight-table-scroll" tabIndex={0} aria-label={caption}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {shown.map((column) => (
                <th key={column.key} scope="col" className={column.numeric ? "numeric" : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)}>
                {shown.map((column, index) => {
                  const content = column.render ? column.render(row) : column.value(row);
                  const className = column.numeric ? "numeric" : undefined;
                  return index === 0 ? (
                    <th key={column.key} scope="row" className={className}>
                      {content}
                    </th>
                  ) : (
                    <td key={column.key} className={className}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <CsvButton
        name={caption}
        fileName={fileName}
        header={exported.map((column) => column.header)}
        rows={() => rows.map((row) => exported.map((column) => column.value(row)))}
      />
    </div>
  );
}
