import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Editor } from '@tiptap/react';
import { useTranslation } from '../lib/i18n';
import { linkFromInput } from './editor-links';

interface Props {
  editor: Editor;
  /** Whether the selection is in a link: its address fills the field, and "Remove link" is offered. */
  active: boolean;
  /** Closes the prompt; `refocus` puts the caret back in the text (Cancel), which applying and removing do themselves. */
  onClose: (refocus: boolean) => void;
}

/**
 * The link prompt's form: the address for the selected text (or, with nothing selected, a new linked address),
 * refused in words unless it is a web or email address. Mounted each time the prompt opens, with the address of the
 * link under the selection; its own chunk, loaded when the prompt first opens (the form library is not part of every
 * live document's first load).
 */
export function LinkForm({ editor, active, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { address: (editor.getAttributes('link').href as string | undefined) ?? '' },
    validate: {
      address: (address) => {
        const result = linkFromInput(address);
        return 'error' in result ? t(result.error) : null;
      },
    },
  });

  const apply = form.onSubmit(({ address }) => {
    const result = linkFromInput(address);
    if ('error' in result) return;
    if (editor.state.selection.empty && !editor.isActive('link')) {
      const text = result.href.replace(/^mailto:/, '');
      editor.chain().focus().insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href: result.href } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href: result.href }).run();
    }
    onClose(false);
  });

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose(false);
  };

  return (
    <form onSubmit={apply} noValidate>
      <TextInput
        data-autofocus
        autoFocus
        size="xs"
        w={280}
        label={t('toolbar.linkAddress')}
        description={t('toolbar.linkHelp')}
        {...form.getInputProps('address')}
      />
      <Group gap="xs" mt="xs" justify="flex-end">
        {active && (
          <Button size="xs" variant="subtle" color="red" onClick={remove}>
            {t('toolbar.removeLink')}
          </Button>
        )}
        <Button size="xs" variant="subtle" color="gray" onClick={() => onClose(true)}>
          {t('common.cancel')}
        </Button>
        <Button size="xs" type="submit">
          {t('toolbar.apply')}
        </Button>
      </Group>
    </form>
  );
}
