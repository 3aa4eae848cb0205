import '@mantine/core/styles/Radio.layer.css';
import { Radio, Stack } from '@mantine/core';

/**
 * Which of the agencies sharing an email domain the user works for. A chunk of its own: few users see it, and only
 * after the login page has asked the server (its radio buttons stay out of the first load). The login page gives
 * the words, so that they come with its own messages.
 */
export function AgencyChoice({
  label,
  description,
  agencies,
  value,
  onChange,
}: {
  label: string;
  description: string;
  agencies: { code: string; name: string }[];
  value: string | null;
  onChange: (code: string) => void;
}) {
  return (
    <Radio.Group label={label} description={description} required value={value} onChange={onChange}>
      <Stack gap="xs" mt="xs">
        {agencies.map((option) => (
          <Radio key={option.code} value={option.code} label={`${option.name} (${option.code})`} />
        ))}
      </Stack>
    </Radio.Group>
  );
}
