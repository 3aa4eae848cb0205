import { ActionIcon, Popover, Tooltip } from '@mantine/core';
import { type Editor, useEditorState } from '@tiptap/react';
import { type KeyboardEvent, lazy, type ReactNode, Suspense, useState } from 'react';
import { currentLocale, useTranslation } from '../lib/i18n';
import { Loading } from './Loading';

interface Props {
  editor: Editor;
  /** Whether the document cannot take edits right now (connecting, offline): the buttons stay, greyed out. */
  disabled: boolean;
  /** The link prompt is opened from here and by Ctrl+K in the editor, so its state lives with the editor. */
  linkPromptOpen: boolean;
  onLinkPromptChange: (open: boolean) => void;
}

/** A key combination as TipTap binds it: "Mod" is Command on Apple keyboards and Control elsewhere. */
type Shortcut = readonly string[];

const APPLE = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * "Ctrl+Alt+2" (or "⌘⌥2") for the tooltip, "Control+Alt+2" (or "Meta+Alt+2") for aria-keyshortcuts; two shortcuts
 * are joined the user's way ("Ctrl+Shift+Z or Ctrl+Y").
 */
function describeShortcuts(shortcuts: readonly Shortcut[]): { text: string; aria: string } {
  const apple: Record<string, string> = { Mod: '⌘', Alt: '⌥', Shift: '⇧' };
  const text = shortcuts.map((keys) => (APPLE ? keys.map((key) => apple[key] ?? key).join('') : keys.map((key) => (key === 'Mod' ? 'Ctrl' : key)).join('+')));
  const aria = shortcuts.map((keys) => keys.map((key) => (key === 'Mod' ? (APPLE ? 'Meta' : 'Control') : key)).join('+'));
  return { text: new Intl.ListFormat(currentLocale(), { type: 'disjunction' }).format(text), aria: aria.join(' ') };
}

/** What the toolbar shows, read from the editor on every transaction (useEditorState re-renders only on a change). */
function toolbarState(editor: Editor) {
  const inTable = editor.isActive('table');
  return {
    h2: editor.isActive('heading', { level: 2 }),
    h3: editor.isActive('heading', { level: 3 }),
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    link: editor.isActive('link'),
    // No table inside a table: the exports and the materialized HTML lay tables out flat.
    canInsertTable: !inTable && editor.can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
    canAddRow: editor.can().addRowAfter(),
    canDeleteRow: editor.can().deleteRow(),
    canAddColumn: editor.can().addColumnAfter(),
    canDeleteColumn: editor.can().deleteColumn(),
    canDeleteTable: editor.can().deleteTable(),
    // The collaboration extension's undo: only this person's own changes, never a partner's.
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  };
}

/**
 * The live editor's formatting toolbar: one tab stop (arrow keys move between its buttons, as WAI-ARIA's toolbar
 * pattern says), each button named, its shortcut in the tooltip and in aria-keyshortcuts, toggles with aria-pressed.
 * A mouse press does not take the focus from the editor, so the selection stays where the person left it.
 */
export function EditorToolbar({ editor, disabled, linkPromptOpen, onLinkPromptChange }: Props) {
  const { t } = useTranslation();
  const state = useEditorState({ editor, selector: ({ editor }) => toolbarState(editor) });
  const [current, setCurrent] = useState('h2');

  const tools: ToolSpec[][] = [
    [
      { id: 'h2', label: t('toolbar.heading2'), shortcut: [['Mod', 'Alt', '2']], pressed: state.h2, icon: <HeadingIcon level={2} />, run: () => editor.chain().focus().toggleHeading({ level: 2 }).run() },
      { id: 'h3', label: t('toolbar.heading3'), shortcut: [['Mod', 'Alt', '3']], pressed: state.h3, icon: <HeadingIcon level={3} />, run: () => editor.chain().focus().toggleHeading({ level: 3 }).run() },
    ],
    [
      { id: 'bold', label: t('toolbar.bold'), shortcut: [['Mod', 'B']], pressed: state.bold, icon: <Glyph kind="bold">{t('toolbar.boldGlyph')}</Glyph>, run: () => editor.chain().focus().toggleBold().run() },
      { id: 'italic', label: t('toolbar.italic'), shortcut: [['Mod', 'I']], pressed: state.italic, icon: <Glyph kind="italic">{t('toolbar.italicGlyph')}</Glyph>, run: () => editor.chain().focus().toggleItalic().run() },
    ],
    [
      { id: 'bullet-list', label: t('toolbar.bulletList'), shortcut: [['Mod', 'Shift', '8']], pressed: state.bulletList, icon: <BulletListIcon />, run: () => editor.chain().focus().toggleBulletList().run() },
      { id: 'ordered-list', label: t('toolbar.orderedList'), shortcut: [['Mod', 'Shift', '7']], pressed: state.orderedList, icon: <OrderedListIcon />, run: () => editor.chain().focus().toggleOrderedList().run() },
    ],
    [{ id: 'link', label: t('toolbar.link'), shortcut: [['Mod', 'K']], pressed: state.link, icon: <LinkIcon />, run: () => onLinkPromptChange(!linkPromptOpen) }],
    [
      { id: 'insert-table', label: t('toolbar.insertTable'), icon: <TableIcon />, enabled: state.canInsertTable, run: () => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
      { id: 'add-row', label: t('toolbar.addRow'), icon: <RowIcon mark="plus" />, enabled: state.canAddRow, run: () => editor.chain().focus().addRowAfter().run() },
      { id: 'delete-row', label: t('toolbar.deleteRow'), icon: <RowIcon mark="cross" />, enabled: state.canDeleteRow, run: () => editor.chain().focus().deleteRow().run() },
      { id: 'add-column', label: t('toolbar.addColumn'), icon: <ColumnIcon mark="plus" />, enabled: state.canAddColumn, run: () => editor.chain().focus().addColumnAfter().run() },
      { id: 'delete-column', label: t('toolbar.deleteColumn'), icon: <ColumnIcon mark="cross" />, enabled: state.canDeleteColumn, run: () => editor.chain().focus().deleteColumn().run() },
      { id: 'delete-table', label: t('toolbar.deleteTable'), icon: <TableIcon cross />, enabled: state.canDeleteTable, run: () => editor.chain().focus().deleteTable().run() },
    ],
    [
      { id: 'undo', label: t('toolbar.undo'), shortcut: [['Mod', 'Z']], icon: <UndoIcon />, enabled: state.canUndo, run: () => editor.chain().focus().undo().run() },
      { id: 'redo', label: t('toolbar.redo'), shortcut: [['Mod', 'Shift', 'Z'], ['Mod', 'Y']], icon: <UndoIcon redo />, enabled: state.canRedo, run: () => editor.chain().focus().redo().run() },
    ],
  ];

  const enabled = (tool: ToolSpec) => !disabled && tool.enabled !== false;
  const enabledIds = tools.flat().filter(enabled).map((tool) => tool.id);
  // The one button Tab reaches: the last one focused, or the first that can be used.
  const tabStop = enabledIds.includes(current) ? current : enabledIds[0];

  /** Left/Right, Home/End move between the usable buttons, wrapping around. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-tool]:not(:disabled)')];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    buttons[(next + buttons.length) % buttons.length].focus();
  };

  const button = (tool: ToolSpec) => {
    const shortcut = tool.shortcut && describeShortcuts(tool.shortcut);
    const control = (
      <ActionIcon
        variant={tool.pressed ? 'light' : 'subtle'}
        color={tool.pressed ? 'blue' : 'gray'}
        size="md"
        aria-label={tool.label}
        aria-pressed={tool.pressed}
        aria-keyshortcuts={shortcut?.aria}
        data-tool={tool.id}
        disabled={!enabled(tool)}
        tabIndex={tool.id === tabStop ? 0 : -1}
        onFocus={() => setCurrent(tool.id)}
        onMouseDown={(event) => event.preventDefault()}
        onClick={tool.run}
      >
        {tool.icon}
      </ActionIcon>
    );
    const tooltip = (child: ReactNode) => (
      <Tooltip key={tool.id} label={shortcut ? `${tool.label} (${shortcut.text})` : tool.label} openDelay={300} withinPortal>
        {child}
      </Tooltip>
    );
    if (tool.id !== 'link') return tooltip(control);
    return (
      <LinkPrompt key={tool.id} editor={editor} opened={linkPromptOpen && !disabled} onChange={onLinkPromptChange} active={state.link}>
        {tooltip(control)}
      </LinkPrompt>
    );
  };

  return (
    <div role="toolbar" aria-label={t('toolbar.label')} className="editor-toolbar" onKeyDown={onKeyDown}>
      {tools.map((group) => (
        <div key={group[0].id} className="editor-toolbar__group">
          {group.map(button)}
        </div>
      ))}
    </div>
  );
}

interface ToolSpec {
  id: string;
  label: string;
  icon: ReactNode;
  run: () => void;
  shortcut?: readonly Shortcut[];
  /** Toggles (bold, a heading level, a list) say whether the selection has them. */
  pressed?: boolean;
  enabled?: boolean;
}

/** The prompt's form (LinkForm.tsx), a chunk of its own. */
const LinkForm = lazy(async () => ({ default: (await import('./LinkForm')).LinkForm }));

/** The link prompt: a popover by the Link button (and opened by Ctrl+K in the text) holding the link form. */
function LinkPrompt({ editor, opened, onChange, active, children }: { editor: Editor; opened: boolean; onChange: (open: boolean) => void; active: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  const close = (refocus: boolean) => {
    onChange(false);
    if (refocus) editor.commands.focus();
  };

  return (
    <Popover opened={opened} onChange={onChange} position="bottom-start" withArrow shadow="md" trapFocus closeOnEscape={false} returnFocus={false}>
      <Popover.Target>{children}</Popover.Target>
      <Popover.Dropdown
        aria-label={t('toolbar.link')}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          close(true);
        }}
      >
        <Suspense fallback={<Loading size="xs" />}>
          {opened && <LinkForm editor={editor} active={active} onClose={close} />}
        </Suspense>
      </Popover.Dropdown>
    </Popover>
  );
}

/*
 * Icons: 24-unit line drawings in the text colour, hidden from assistive technology (the button carries the name).
 * Bold and italic are letters, the ones word processors show in the user's language (B and I; G and I in French; N and
 * K in Spanish; Ж and К in Russian).
 */

function Glyph({ kind, children }: { kind: 'bold' | 'italic'; children: ReactNode }) {
  return (
    <span className={`editor-toolbar__glyph editor-toolbar__glyph--${kind}`} aria-hidden="true">
      {children}
    </span>
  );
}

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width={18} height={18} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

/** An H and the level, drawn: a visible "H2" not in the name "Heading 2" would fail WCAG's label-in-name. */
function HeadingIcon({ level }: { level: 2 | 3 }) {
  return (
    <Icon>
      <path d="M4 6v12M12 6v12M4 12h8" />
      {level === 2 ? <path d="M15.5 12a2 2 0 1 1 3.6 1.2L15.5 18h4" strokeWidth={1.75} /> : <path d="M15.5 10.5h4l-2.3 2.9a2.3 2.3 0 1 1-2.1 3.8" strokeWidth={1.75} />}
    </Icon>
  );
}

function BulletListIcon() {
  return (
    <Icon>
      <path d="M10 6h10M10 12h10M10 18h10" />
      <circle cx="5" cy="6" r="1" fill="currentColor" />
      <circle cx="5" cy="12" r="1" fill="currentColor" />
      <circle cx="5" cy="18" r="1" fill="currentColor" />
    </Icon>
  );
}

function OrderedListIcon() {
  return (
    <Icon>
      <path d="M11 6h9M11 12h9M11 18h9" />
      <path d="M4 4.5l1.5-1v5" strokeWidth={1.5} />
      <path d="M3.5 14.5a1.5 1.5 0 1 1 2.6 1l-2.6 2.5h3" strokeWidth={1.5} />
    </Icon>
  );
}

function LinkIcon() {
  return (
    <Icon>
      <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
    </Icon>
  );
}

function TableIcon({ cross = false }: { cross?: boolean }) {
  return (
    <Icon>
      <rect x="3" y="4" width="18" height="16" rx="1.5" />
      {cross ? <path d="M9 9l6 6M15 9l-6 6" /> : <path d="M3 9.5h18M9 9.5V20M15 9.5V20" />}
    </Icon>
  );
}

function RowIcon({ mark }: { mark: 'plus' | 'cross' }) {
  return (
    <Icon>
      <rect x="3" y="4" width="18" height="7" rx="1.5" />
      {mark === 'plus' ? <path d="M12 14.5v6M9 17.5h6" /> : <path d="M9.5 15l5 5M14.5 15l-5 5" />}
    </Icon>
  );
}

function ColumnIcon({ mark }: { mark: 'plus' | 'cross' }) {
  return (
    <Icon>
      <rect x="4" y="3" width="7" height="18" rx="1.5" />
      {mark === 'plus' ? <path d="M17.5 9v6M14.5 12h6" /> : <path d="M15 9.5l5 5M20 9.5l-5 5" />}
    </Icon>
  );
}

function UndoIcon({ redo = false }: { redo?: boolean }) {
  return (
    <Icon>
      <g transform={redo ? 'matrix(-1 0 0 1 24 0)' : undefined}>
        <path d="M8 5L4 9l4 4" />
        <path d="M4 9h10.5a5 5 0 0 1 0 10H11" />
      </g>
    </Icon>
  );
}
